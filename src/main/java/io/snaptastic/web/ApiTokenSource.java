package io.snaptastic.web;

import io.snaptastic.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the API token: the configured one, else the token file, which is made (32 random bytes,
 * base64url, mode 0600) on first start. An agent listening beyond loopback never makes one itself: its
 * token must be provisioned, so an exposed API is never guarded by a token nobody has read.
 */
final class ApiTokenSource {

    static final int MIN_LENGTH = 16;
    private static final Logger log = LoggerFactory.getLogger(ApiTokenSource.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    private ApiTokenSource() {}

    /**
     * @param configured snaptastic.security.token, possibly null
     * @param file the token file
     * @param exposedOn the non-loopback addresses the agent listens on, described; empty when loopback only
     */
    static ApiToken load(String configured, Path file, List<String> exposedOn) {
        if (configured != null && !configured.isBlank()) {
            return checked(configured.strip(), "snaptastic.security.token");
        }
        if (Files.exists(file)) {
            warnIfReadableByOthers(file);
            return checked(read(file), "the token file " + file);
        }
        if (!exposedOn.isEmpty()) {
            throw new InvalidConfigurationException(List.of("snaptastic.security.token: the API listens beyond loopback ("
                    + String.join(", ", exposedOn) + ") but no token is provisioned; set snaptastic.security.token or "
                    + "write a token of at least " + MIN_LENGTH + " characters to " + file));
        }
        String token = create(file);
        log.info("Created the API token file {}; send its content as 'Authorization: Bearer <token>'", file);
        return new ApiToken(token);
    }

    private static ApiToken checked(String token, String source) {
        if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidConfigurationException(List.of(source + ": the API token must be at least " + MIN_LENGTH
                    + " visible ASCII characters (delete the file to have a new one made)"));
        }
        return new ApiToken(token);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token file " + file, e);
        }
    }

    private static String create(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // Made 0600 from the start, then renamed into place: never readable by others, never half written.
            Path temp = Files.createTempFile(dir, ".token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the API token file " + file, e);
        }
        return token;
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            if (Files.getPosixFilePermissions(file).stream().anyMatch(GROUP_OR_OTHER::contains)) {
                log.warn("The API token file {} is readable or writable by other users; chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Cannot read the permissions of {}", file, e);
        }
    }
}
