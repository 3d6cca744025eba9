package io.snaptastic.operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON file per operation in a directory, replaced atomically on every change (temp file, fsync,
 * rename, fsync of the directory), so a crash leaves the old state or the new one, never half of one.
 */
final class OperationJournal {

    private static final Logger log = LoggerFactory.getLogger(OperationJournal.class);
    private static final String SUFFIX = ".json";

    private final Path dir;
    // Its own mapper: the journal must stay readable whatever the web layer's JSON settings are,
    // and tolerate fields a newer agent wrote.
    private final JsonMapper mapper =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    OperationJournal(Path dir) {
        this.dir = dir;
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the operations journal " + dir, e);
        }
    }

    void write(JournalEntry entry) {
        String id = entry.operation().id();
        Path target = dir.resolve(id + SUFFIX);
        Path temp = dir.resolve("." + id + SUFFIX + ".tmp");
        try {
            byte[] json = mapper.writeValueAsBytes(entry);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write operation " + id + " to the journal " + dir, e);
        }
    }

    /** Every readable entry; unreadable files are logged and skipped, leftover temp files removed. */
    List<JournalEntry> readAll() {
        List<JournalEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    read(file, entries);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operations journal " + dir, e);
        }
        return entries;
    }

    void delete(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + SUFFIX));
        } catch (IOException e) {
            log.warn("Cannot delete operation {} from the journal {}", id, dir, e);
        }
    }

    private void read(Path file, List<JournalEntry> entries) throws IOException {
        try {
            JournalEntry entry = mapper.readValue(Files.readAllBytes(file), JournalEntry.class);
            if (entry.operation() == null || entry.operation().id() == null || entry.operation().status() == null) {
                log.warn("Skipping journal file {}: it holds no operation", file);
            } else {
                entries.add(entry);
            }
        } catch (JacksonException e) {
            log.warn("Skipping journal file {}: it is not a readable operation ({})", file, e.getOriginalMessage());
        }
    }

    private void syncDirectory() throws IOException {
        // The rename is only durable once the directory itself is flushed (POSIX rename semantics).
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
