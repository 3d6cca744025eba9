package io.snaptastic.host;

import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostException.InvalidOperandException;
import io.snaptastic.host.HostException.MountBusyException;
import io.snaptastic.host.HostException.MountConflictException;
import io.snaptastic.host.HostException.MountFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mounts and unmounts volumes; both are idempotent, so a retried operation does no harm. */
public class Mounter {

    private static final Logger log = LoggerFactory.getLogger(Mounter.class);

    private static final Duration MOUNT_TIMEOUT = Duration.ofMinutes(2);

    private final HostExecutor executor;
    private final MountTable mountTable;

    public Mounter(HostExecutor executor, MountTable mountTable) {
        this.executor = executor;
        this.mountTable = mountTable;
    }

    /**
     * Mounts the device at the mount point, creating the directory. Does nothing when the device is
     * already mounted there.
     *
     * @throws MountConflictException when another device is mounted there
     * @throws MountFailedException when the kernel refuses the mount, with mount's reason
     */
    public void mount(Path device, String mountPoint, String fsType, List<String> options) {
        Operands.filesystem(fsType);
        Path real = Operands.device(device);
        String mp = Operands.mountPoint(mountPoint);
        String joinedOptions = Operands.mountOptions(options);
        Optional<MountEntry> current = mountTable.at(mp);
        if (current.isPresent()) {
            if (DeviceNumbers.isOn(current.get(), real)) {
                log.debug("{} is already mounted at {}", device, mp);
                return;
            }
            throw new MountConflictException(mp + " already holds " + current.get().source() + ", not " + device);
        }
        createDirectory(mp);
        log.info("mounting {} ({}) at {} as {} with {}", device, real, mp, fsType, joinedOptions);
        Command mount = Command.of("mount", "-t", fsType, "-o", joinedOptions, "--", real.toString(), mp)
                .withTimeout(MOUNT_TIMEOUT);
        CommandResult result = executor.execute(mount);
        if (!result.succeeded()) {
            HostCommandException failure = new HostCommandException("could not mount " + mp, mount, result);
            throw new MountFailedException("mount of the device at " + mp + " failed: " + reason(result, device, real, mp), failure);
        }
    }

    /**
     * mount(8)'s first line of stderr names the kernel's reason ("wrong fs type, bad option, bad
     * superblock on /dev/…", "Structure needs cleaning"); its exit code alone says little.
     */
    private static String reason(CommandResult result, Path device, Path real, String mountPoint) {
        String first = result.stderr().strip().lines().findFirst().orElse("exit code " + result.exitCode());
        String text = first.startsWith("mount: ") ? first.substring("mount: ".length()) : first;
        if (text.startsWith(mountPoint + ": ")) {
            text = text.substring(mountPoint.length() + 2);
        }
        return HostPaths.hidden(text, device, real, mountPoint);
    }

    /**
     * Unmounts whatever is mounted at the mount point; nothing when nothing is. Lazy only when asked:
     * a lazy unmount detaches at once and leaves the filesystem busy in the background.
     *
     * @throws MountBusyException when a process still uses the filesystem
     */
    public void unmount(String mountPoint, boolean lazy) {
        String mp = Operands.mountPoint(mountPoint);
        if (mountTable.at(mp).isEmpty()) {
            log.debug("nothing is mounted at {}", mp);
            return;
        }
        Command umount = (lazy ? Command.of("umount", "-l", "--", mp) : Command.of("umount", "--", mp))
                .withTimeout(MOUNT_TIMEOUT);
        CommandResult result = executor.execute(umount);
        if (result.succeeded()) {
            log.info("unmounted {}", mp);
            return;
        }
        String stderr = result.stderr().toLowerCase(Locale.ROOT);
        if (stderr.contains("busy")) {
            throw new MountBusyException(mp + " is busy: a process still has files open or its working directory"
                    + " there; stop it, or unmount lazily");
        }
        if (stderr.contains("not mounted") && mountTable.at(mp).isEmpty()) {
            return;
        }
        throw new HostCommandException("could not unmount " + mp, umount, result);
    }

    /** The mount visible at the mount point, if any. */
    public Optional<MountEntry> mountedAt(String mountPoint) {
        return mounts().at(mountPoint);
    }

    /** What is mounted where, read once: for looking up many mount points (see {@link Mounts#at}). */
    public Mounts mounts() {
        return new Mounts(mountTable.read());
    }

    /** The host's mounts at one moment. */
    public static final class Mounts {

        private final MountTable.Mounts table;

        private Mounts(MountTable.Mounts table) {
            this.table = table;
        }

        /** The mount visible at the mount point, if any; the mount point is checked as every operand is. */
        public Optional<MountEntry> at(String mountPoint) {
            return table.at(Operands.mountPoint(mountPoint));
        }
    }

    /** Creates the mount point, and insists that no link in its path sends the mount elsewhere. */
    private static void createDirectory(String mountPoint) {
        try {
            Path real = Files.createDirectories(Path.of(mountPoint)).toRealPath();
            if (!real.toString().equals(mountPoint)) {
                throw new InvalidOperandException("mount point " + mountPoint + " leads through a link to " + real);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create mount point " + mountPoint, e);
        }
    }
}
