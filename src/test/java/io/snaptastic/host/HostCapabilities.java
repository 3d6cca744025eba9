package io.snaptastic.host;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's effective capabilities, to skip what a container forbids even to root. */
final class HostCapabilities {

    /** Online ext4 resize (EXT4_IOC_RESIZE_FS) needs it; containers often drop it. */
    static final int CAP_SYS_RESOURCE = 24;

    private HostCapabilities() {}

    static boolean effective(int capability) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("CapEff:"))
                    .map(line -> new BigInteger(line.substring("CapEff:".length()).strip(), 16))
                    .anyMatch(mask -> mask.testBit(capability));
        } catch (IOException e) {
            return false;
        }
    }
}
