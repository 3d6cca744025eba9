package io.snaptastic.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Resource ids shaped like EC2's: a prefix and 17 hex digits. */
final class Ids {

    static final String ACCOUNT_ID = "000000000000";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    static String volume() {
        return "vol-" + hex17();
    }

    static String snapshot() {
        return "snap-" + hex17();
    }

    static String reservation() {
        return "r-" + hex17();
    }

    static String request() {
        return UUID.randomUUID().toString();
    }

    private static String hex17() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, 17);
    }
}
