package io.snaptastic.host;

import io.snaptastic.host.HostException.InvalidOperandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allow-lists every operand passes before it reaches a command line, so that no value from
 * configuration, userdata or a request can become an option or a path outside {@code /dev}.
 */
public final class Operands {

    /** What the agent makes on an empty volume. */
    static final Set<String> NEW_FILESYSTEMS = Set.of("ext4", "xfs");
    /** What it checks, mounts and grows: also ext3, which the Python snaptastic could make. */
    static final Set<String> FILESYSTEMS = Set.of("ext3", "ext4", "xfs");

    private static final Pattern DEVICE = Pattern.compile("^/dev/[A-Za-z0-9/_-]+$");
    private static final Pattern SAFE_PATH = Pattern.compile("^(/[A-Za-z0-9._@+-]+)+$");
    private static final Pattern MOUNT_OPTION = Pattern.compile("^[A-Za-z0-9_.:/+=-]+$");

    private Operands() {}

    /**
     * The device's canonical path. Links (the sandbox's device dir, by-id links) are followed first,
     * and what they lead to must itself be a node under /dev.
     */
    static Path device(Path device) {
        if (device == null || !SAFE_PATH.matcher(device.toString()).matches() || !isNormal(device)) {
            throw new InvalidOperandException("not a safe absolute device path: " + device);
        }
        Path real;
        try {
            real = device.toRealPath();
        } catch (IOException e) {
            throw new InvalidOperandException("device does not exist: " + device);
        }
        if (!DEVICE.matcher(real.toString()).matches()) {
            throw new InvalidOperandException("device " + device + " resolves to " + real + ", which is not under /dev");
        }
        if (Files.isDirectory(real)) {
            throw new InvalidOperandException("device " + device + " is a directory");
        }
        return real;
    }

    /** An absolute, normalised mount point of safe characters, never {@code /} itself. */
    public static String mountPoint(String mountPoint) {
        if (mountPoint == null || !SAFE_PATH.matcher(mountPoint).matches() || !isNormal(Path.of(mountPoint))) {
            throw new InvalidOperandException("not an absolute, normalised mount point of safe characters: " + mountPoint);
        }
        return mountPoint;
    }

    /** A filesystem the agent can check, mount and grow. */
    static String filesystem(String fsType) {
        if (!FILESYSTEMS.contains(fsType)) {
            throw new InvalidOperandException("unsupported filesystem: " + fsType + " (ext3, ext4 or xfs)");
        }
        return fsType;
    }

    /** A filesystem the agent makes on an empty volume. */
    static String newFilesystem(String fsType) {
        if (!NEW_FILESYSTEMS.contains(fsType)) {
            throw new InvalidOperandException("unsupported filesystem for a new volume: " + fsType + " (ext4 or xfs)");
        }
        return fsType;
    }

    /** Mount options joined for {@code -o}; each must be a single option without commas or spaces. */
    static String mountOptions(List<String> options) {
        if (options == null || options.isEmpty()) {
            return "defaults";
        }
        for (String option : options) {
            if (option == null || !MOUNT_OPTION.matcher(option).matches()) {
                throw new InvalidOperandException("not a safe mount option: " + option);
            }
        }
        return String.join(",", options);
    }

    private static boolean isNormal(Path path) {
        return path.isAbsolute() && path.normalize().toString().equals(path.toString());
    }
}
