package io.snaptastic.host;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SafeFormatAndMount} is to mount: a volume's device at a mount point, and where the
 * volume's data came from, which decides whether it may be formatted and whether it is grown.
 *
 * @param formatAs the filesystem to make on an empty volume that holds nothing; null otherwise
 */
public record FilesystemMount(Path device, String mountPoint, List<String> options, Origin origin, String formatAs) {

    /** Where a volume's data came from. */
    public enum Origin {
        /** Made empty by the agent: formatted when blkid finds nothing, else checked and mounted. */
        EMPTY,
        /** Restored from a snapshot (or retained): never formatted; grown to its device after the mount. */
        SNAPSHOT,
        /** Kept by an unmount and reattached: never formatted; its filesystem already fills it. */
        KEPT
    }

    /** The step the mount is at, told before it runs, so an operation shows where it is. */
    public enum Phase {
        FORMAT, CHECK, MOUNT, GROW
    }

    public FilesystemMount {
        options = List.copyOf(options);
        if ((origin == Origin.EMPTY) != (formatAs != null)) {
            throw new IllegalArgumentException("only an empty volume names the filesystem to make");
        }
    }

    public static FilesystemMount empty(Path device, String mountPoint, List<String> options, String formatAs) {
        return new FilesystemMount(device, mountPoint, options, Origin.EMPTY, formatAs);
    }

    public static FilesystemMount of(Path device, String mountPoint, List<String> options, Origin origin) {
        return new FilesystemMount(device, mountPoint, options, origin, null);
    }
}
