package io.snaptastic.host.freeze;

import io.snaptastic.host.HostException.FreezeRefusedException;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.MountTable;
import io.snaptastic.host.Operands;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which mount points may be frozen. A freeze acts on a whole filesystem, whichever of its
 * mount points is named, so the checks compare filesystems, not paths.
 */
final class FreezeTargets {

    private FreezeTargets() {}

    /**
     * One mount point per filesystem to freeze.
     *
     * @throws FreezeRefusedException for {@code /}, the root filesystem, the state dir's
     *     filesystem, or a path that is not a mount point (fsfreeze would freeze the filesystem that
     *     holds it)
     */
    static List<String> of(MountTable mountTable, Path stateDir, Collection<String> mountPoints) {
        if (mountPoints == null || mountPoints.isEmpty()) {
            throw new IllegalArgumentException("no mount points to freeze");
        }
        MountEntry root = mountTable.root()
                .orElseThrow(() -> new IllegalStateException("mountinfo lists no root filesystem"));
        Optional<MountEntry> state = mountTable.containing(realOrAbsolute(stateDir));
        Map<String, String> byFilesystem = new LinkedHashMap<>();
        for (String mountPoint : mountPoints) {
            if ("/".equals(mountPoint)) {
                throw new FreezeRefusedException("refusing to freeze /: the agent and the system run from it");
            }
            MountEntry entry = mountTable.at(Operands.mountPoint(mountPoint))
                    .orElseThrow(() -> new FreezeRefusedException(mountPoint
                            + " is not a mount point; freezing it would freeze the filesystem that holds it"));
            if (sameFilesystem(entry, root)) {
                throw new FreezeRefusedException("refusing to freeze " + mountPoint + ": it is on the root filesystem ("
                        + root.source() + ")");
            }
            if (state.isPresent() && sameFilesystem(entry, state.get())) {
                throw new FreezeRefusedException("refusing to freeze " + mountPoint
                        + ": it is the filesystem of the agent's state dir " + stateDir);
            }
            byFilesystem.putIfAbsent(entry.majorMinor(), mountPoint);
        }
        return List.copyOf(byFilesystem.values());
    }

    /** Same device number; or, for btrfs subvolumes, which get numbers of their own, the same device. */
    static boolean sameFilesystem(MountEntry a, MountEntry b) {
        return a.majorMinor().equals(b.majorMinor()) || (a.source().startsWith("/dev/") && a.source().equals(b.source()));
    }

    private static Path realOrAbsolute(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
