package io.snaptastic.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code major:minor} number of a device node, as mountinfo shows it. Comparing numbers rather
 * than paths recognises a device under any of its names ({@code /dev/mapper/x} and {@code /dev/dm-0}).
 */
final class DeviceNumbers {

    private DeviceNumbers() {}

    static Optional<String> majorMinor(Path device) {
        try {
            Object rdev = Files.getAttribute(device, "unix:rdev");
            if (!(rdev instanceof Long number) || number == 0) {
                return Optional.empty();
            }
            // glibc's gnu_dev_major/gnu_dev_minor encoding of dev_t.
            long major = ((number >>> 8) & 0xfff) | ((number >>> 32) & 0xfffff000L);
            long minor = (number & 0xff) | ((number >>> 12) & 0xffffff00L);
            return Optional.of(major + ":" + minor);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the mount's filesystem lives on the device, by number or by source path. */
    static boolean isOn(MountEntry entry, Path realDevice) {
        return entry.source().equals(realDevice.toString())
                || majorMinor(realDevice).map(entry.majorMinor()::equals).orElse(false);
    }
}
