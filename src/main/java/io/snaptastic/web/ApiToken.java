package io.snaptastic.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token the API asks for. Only its SHA-256 is kept, and a presented token is compared by
 * digest in constant time, so neither its content nor its length leaks through timing.
 */
public final class ApiToken {

    private final byte[] digest;

    public ApiToken(String token) {
        this.digest = sha256(token);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
