package io.snaptastic.host;

import io.snaptastic.host.FilesystemMount.Origin;
import io.snaptastic.host.FilesystemMount.Phase;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts a volume's filesystem in the order of mount-utils' {@code SafeFormatAndMount}
 * ({@code formatAndMountSensitive}, mount_linux.go): probe with blkid, format only a device that
 * holds nothing, check what it holds, mount; then, unlike mount-utils, grow a restored one online.
 */
public class SafeFormatAndMount implements FormatAndMount {

    private static final Logger log = LoggerFactory.getLogger(SafeFormatAndMount.class);

    private final Filesystems filesystems;
    private final Mounter mounter;

    public SafeFormatAndMount(Filesystems filesystems, Mounter mounter) {
        this.filesystems = filesystems;
        this.mounter = mounter;
    }

    @Override
    public MountedFilesystem mount(FilesystemMount request, Consumer<Phase> phases) {
        Path device = request.device();
        String fsType = prepare(request, filesystems.probe(device), phases);
        phases.accept(Phase.MOUNT);
        mounter.mount(device, request.mountPoint(), fsType, request.options());
        if (request.origin() != Origin.SNAPSHOT) {
            return new MountedFilesystem(fsType, Optional.empty());
        }
        phases.accept(Phase.GROW);
        return new MountedFilesystem(fsType, grow(request, fsType));
    }

    /** Formats a blank empty volume, else checks what blkid found; returns the filesystem to mount. */
    private String prepare(FilesystemMount request, Probe probe, Consumer<Phase> phases) {
        if (request.origin() == Origin.EMPTY && probe.empty()) {
            phases.accept(Phase.FORMAT);
            filesystems.format(request.device(), request.formatAs(), false);
            return request.formatAs();
        }
        phases.accept(Phase.CHECK);
        if (request.origin() != Origin.EMPTY && probe.fsType() == null) {
            throw new IllegalStateException(request.origin() == Origin.SNAPSHOT
                    ? "the volume restored from a snapshot holds no filesystem; it is left unformatted"
                    : "blkid finds no filesystem on it; it is left unformatted");
        }
        // What the volume holds, not what the configuration says: a Python snaptastic snapshot is
        // xfs or ext3 where the agent's default is ext4. e2fsck -p for ext3/ext4; no XFS check, its
        // mount replays the log (Filesystems.check).
        filesystems.check(request.device(), probe.fsType());
        return probe.fsType();
    }

    /**
     * A failed grow leaves a working mount at the snapshot's size, so it is reported, never a reason
     * to unmount: online ext3/ext4 growth needs CAP_SYS_RESOURCE (resize2fs; fs/ext4/ioctl.c), which
     * containers often drop.
     */
    private Optional<RuntimeException> grow(FilesystemMount request, String fsType) {
        try {
            filesystems.growIfNeeded(request.device(), request.mountPoint(), fsType);
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("could not grow {} at {}; it stays at the snapshot's size", fsType, request.mountPoint(), e);
            return Optional.of(e);
        }
    }
}
