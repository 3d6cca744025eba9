package io.snaptastic.operation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of what a request asked for, so a reused Idempotency-Key can be told apart from a retry.
 * The parts should be values with a stable {@code toString} (records of strings, numbers, lists).
 */
public final class RequestFingerprint {

    private RequestFingerprint() {}

    /** The SHA-256 of the parts, such as {@code of("POST /mounts", body)}. */
    public static String of(Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
