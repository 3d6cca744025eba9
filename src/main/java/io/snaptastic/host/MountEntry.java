package io.snaptastic.host;

import java.util.List;

/**
 * One line of {@code /proc/self/mountinfo}, escapes decoded.
 *
 * @param mountId the mount's unique id
 * @param parentId the id of the mount it sits on (itself for the root of the namespace)
 * @param majorMinor the device number of the filesystem, {@code major:minor}; equal for every mount
 *     of one filesystem
 * @param root the directory of the filesystem that is mounted (not {@code /} for bind mounts)
 * @param mountPoint where it is mounted
 * @param options the per-mount options
 * @param fsType the filesystem type
 * @param source the mount source, usually the device path
 * @param superOptions the per-filesystem options
 */
public record MountEntry(
        int mountId,
        int parentId,
        String majorMinor,
        String root,
        String mountPoint,
        List<String> options,
        String fsType,
        String source,
        List<String> superOptions) {

    public MountEntry {
        options = List.copyOf(options);
        superOptions = List.copyOf(superOptions);
    }

    public boolean readOnly() {
        return options.contains("ro");
    }
}
