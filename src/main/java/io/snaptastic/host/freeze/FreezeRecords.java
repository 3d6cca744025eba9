package io.snaptastic.host.freeze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The freezes on record in {@code <state dir>/frozen/}: one file per freeze, one mount point per
 * line, so concurrent freezes of different snapshotters never overwrite each other's record.
 */
final class FreezeRecords {

    static final String SUFFIX = ".frozen";

    private final Path directory;

    FreezeRecords(Path stateDir) {
        this.directory = stateDir.resolve("frozen");
    }

    Path directory() {
        return directory;
    }

    /** Writes and syncs a record, atomically, so a crash never leaves half of one. */
    Path write(List<String> mountPoints) {
        String name = UUID.randomUUID().toString();
        Path temporary = directory.resolve(name + ".tmp");
        Path record = directory.resolve(name + SUFFIX);
        try {
            Files.createDirectories(directory);
            try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                file.write(StandardCharsets.UTF_8.encode(String.join("\n", mountPoints) + "\n"));
                file.force(true);
            }
            Files.move(temporary, record, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the freeze in " + directory + "; nothing was frozen", e);
        }
    }

    List<Path> list() {
        List<Path> records = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return records;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            stream.forEach(records::add);
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read freeze records in " + directory, e);
        }
    }

    List<String> read(Path record) {
        try {
            return Files.readAllLines(record, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read freeze record " + record, e);
        }
    }

    void delete(Path record) {
        try {
            Files.deleteIfExists(record);
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete freeze record " + record, e);
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
