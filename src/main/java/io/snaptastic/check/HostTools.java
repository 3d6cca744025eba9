package io.snaptastic.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The programs the host layer runs, found on a search path: the ones every workflow needs, and those of
 * each file system only when a configured volume uses it, so an ext4-only host needs no xfsprogs.
 */
final class HostTools {

    /** Program → the Debian package that brings it. */
    static final Map<String, String> COMMON = Map.of(
            "fsfreeze", "util-linux", "blkid", "util-linux", "blockdev", "util-linux", "mount", "mount", "umount", "mount");

    static final Map<String, Map<String, String>> BY_FILE_SYSTEM = Map.of(
            "ext4", Map.of("mkfs.ext4", "e2fsprogs", "e2fsck", "e2fsprogs", "resize2fs", "e2fsprogs", "dumpe2fs", "e2fsprogs"),
            // No xfs_repair: the agent never runs it (a restore mounts and lets the kernel replay the log).
            "xfs", Map.of("mkfs.xfs", "xfsprogs", "xfs_growfs", "xfsprogs"));

    private final List<Path> searchPath;

    HostTools(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** One item per program the given file systems need, in name order. */
    List<CheckItem> check(Collection<String> fileSystems) {
        Map<String, String> needed = new HashMap<>(COMMON);
        for (String fileSystem : fileSystems) {
            needed.putAll(BY_FILE_SYSTEM.getOrDefault(fileSystem, Map.of()));
        }
        List<CheckItem> items = new ArrayList<>();
        for (String tool : new TreeSet<>(needed.keySet())) {
            items.add(found(tool)
                    ? CheckItem.pass("tool:" + tool, "found")
                    // The directories searched are the agent's own PATH, not worth showing: the remedy is the package.
                    : CheckItem.fail("tool:" + tool, "not found on the agent's PATH or in the sbin directories",
                            "install the package " + needed.get(tool)));
        }
        return items;
    }

    private boolean found(String tool) {
        return searchPath.stream().anyMatch(dir -> Files.isExecutable(dir.resolve(tool)));
    }
}
