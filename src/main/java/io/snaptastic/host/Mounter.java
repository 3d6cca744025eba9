package io.snaptastic.host;

import io.snaptastic.host.HostException.MountBusyException;
import io.snaptastic.host.HostException.MountConflictException;
import io.snaptastic.host.HostException.MountFailedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Mounts and unmounts volumes; both are idempotent, so a retried operation does no harm. */
public interface Mounter {

    /**
     * Mounts the device at the mount point, creating the directory. Does nothing when the device is
     * already mounted there.
     *
     * @throws MountConflictException when another device is mounted there
     * @throws MountFailedException when the kernel refuses the mount, with mount's reason
     */
    void mount(Path device, String mountPoint, String fsType, List<String> options);

    /**
     * Unmounts whatever is mounted at the mount point; nothing when nothing is. Lazy only when asked:
     * a lazy unmount detaches at once and leaves the filesystem busy in the background.
     *
     * @throws MountBusyException when a process still uses the filesystem
     */
    void unmount(String mountPoint, boolean lazy);

    /** The mount visible at the mount point, if any. */
    Optional<MountEntry> mountedAt(String mountPoint);

    /** What is mounted where, read once: for looking up many mount points (see {@link Mounts#at}). */
    Mounts mounts();

    /** The host's mounts at one moment. */
    final class Mounts {

        private final MountTable.Mounts table;

        Mounts(MountTable.Mounts table) {
            this.table = table;
        }

        /** The mount visible at the mount point, if any; the mount point is checked as every operand is. */
        public Optional<MountEntry> at(String mountPoint) {
            return table.at(Operands.mountPoint(mountPoint));
        }
    }
}
