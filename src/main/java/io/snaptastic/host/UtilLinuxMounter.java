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

/** The {@link Mounter} of a Linux host: util-linux {@code mount} and {@code umount}, and mountinfo. */
public class UtilLinuxMounter implements Mounter {

    private static final Logger log = LoggerFactory.getLogger(UtilLinuxMounter.class);

    private static final Duration MOUNT_TIMEOUT = Duration.ofMinutes(2);

    private final HostExecutor executor;
    private final MountTable mountTable;

    public UtilLinuxMounter(HostExecutor executor, MountTable mountTable) {
        this.executor = executor;
        this.mountTable = mountTable;
    }

    @Override
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

    @Override
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

    @Override
    public Optional<MountEntry> mountedAt(String mountPoint) {
        return mounts().at(mountPoint);
    }

    @Override
    public Mounts mounts() {
        return new Mounts(mountTable.read());
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
