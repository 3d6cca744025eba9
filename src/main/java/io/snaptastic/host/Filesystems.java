package io.snaptastic.host;

import io.snaptastic.host.HostException.DeviceNotEmptyException;
import io.snaptastic.host.HostException.FilesystemCheckException;
import io.snaptastic.host.HostException.HostCommandException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes, formats, checks and grows the filesystems of volumes (makes ext4 and xfs; also checks, mounts
 * and grows the ext3 of the Python snaptastic), never formatting one that holds data.
 */
public class Filesystems {

    private static final Logger log = LoggerFactory.getLogger(Filesystems.class);

    private static final Pattern XFS_DATA = Pattern.compile("(?m)^data\\s*=\\s*bsize=(\\d+)\\s+blocks=(\\d+)");

    private final HostExecutor executor;
    private final MountTable mountTable;
    private final HostTimeouts timeouts;

    public Filesystems(HostExecutor executor) {
        this(executor, new MountTable());
    }

    public Filesystems(HostExecutor executor, MountTable mountTable) {
        this(executor, mountTable, HostTimeouts.DEFAULT);
    }

    public Filesystems(HostExecutor executor, MountTable mountTable, HostTimeouts timeouts) {
        this.executor = executor;
        this.mountTable = mountTable;
        this.timeouts = timeouts;
    }

    /** What the device holds, by low-level probing ({@code blkid -p}), which no stale cache can fool. */
    public Probe probe(Path device) {
        return probeReal(Operands.device(device));
    }

    /**
     * Makes a filesystem on an empty device.
     *
     * @throws DeviceNotEmptyException when the device was restored from a snapshot or holds a
     *     filesystem, another signature or a partition table
     */
    public void format(Path device, String fsType, boolean restoredFromSnapshot) {
        Operands.newFilesystem(fsType);
        Path real = Operands.device(device);
        if (restoredFromSnapshot) {
            throw new DeviceNotEmptyException(device + " was restored from a snapshot, so it is never formatted");
        }
        Probe probe = probeReal(real);
        if (!probe.empty()) {
            throw new DeviceNotEmptyException(device + " (" + real + ") holds " + probe.describe() + "; refusing to format it");
        }
        // Never -F/-f: the probe above is the first guard, the tools' own checks the second.
        Command mkfs = "ext4".equals(fsType)
                ? Command.of("mkfs.ext4", "-q", "-E", "lazy_itable_init=1,lazy_journal_init=1", "--", real.toString())
                : Command.of("mkfs.xfs", "-q", "--", real.toString());
        log.info("formatting {} ({}) as {}", device, real, fsType);
        executor.run(mkfs.withTimeout(timeouts.format()));
    }

    /**
     * Prepares an unmounted filesystem for a read-write mount. ext3 and ext4: {@code e2fsck -p}, which
     * replays the journal and repairs what is safe to repair. XFS: nothing. A snapshot of a frozen XFS
     * always has a dirty log (the freeze dirties it last), which the mount replays and
     * {@code xfs_repair -n} refuses (xfs_repair(8), "DIRTY LOGS"); {@code xfs_repair -L} would throw
     * the log away. fsck.xfs(8) does nothing for the same reason, so mount-utils'
     * {@code checkAndRepairFilesystem} (mount_linux.go) checks no XFS either.
     *
     * @throws FilesystemCheckException when errors are left or the check could not run
     */
    public void check(Path device, String fsType) {
        Operands.filesystem(fsType);
        Path real = Operands.device(device);
        if (isExt(fsType)) {
            checkExt(device, real);
        } else {
            log.debug("no check of xfs on {}: its mount replays the log", device);
        }
    }

    /**
     * Grows a mounted filesystem to the size of its device when the device is larger, as after
     * restoring a snapshot onto a bigger volume. Always online, so no cold volume's metadata is read
     * twice: resize2fs(8) grows a mounted ext3 or ext4 through the kernel, xfs_growfs(8) only works on
     * a mounted XFS. The kernel refuses online ext3/ext4 growth without CAP_SYS_RESOURCE
     * (EXT4_IOC_RESIZE_FS, fs/ext4/ioctl.c), which containers often drop: then resize2fs fails and the
     * filesystem keeps its size.
     *
     * @return whether the filesystem grew
     * @throws IllegalStateException when the filesystem is not mounted at the mount point
     * @throws HostCommandException when the grow tool failed
     */
    public boolean growIfNeeded(Path device, String mountPoint, String fsType) {
        Operands.filesystem(fsType);
        Path real = Operands.device(device);
        String mp = Operands.mountPoint(mountPoint);
        if (!mountedAt(real, mp)) {
            throw new IllegalStateException(device + " is not mounted at " + mp + "; filesystems grow only mounted");
        }
        long deviceBytes = deviceSize(real);
        Size before = filesystemSize(real, mp, fsType);
        if (deviceBytes - before.bytes() < before.blockSize()) {
            return false;
        }
        log.info("growing {} on {} from {} to {} bytes", fsType, device, before.bytes(), deviceBytes);
        Command grow = isExt(fsType)
                ? Command.of("resize2fs", "--", real.toString())
                : Command.of("xfs_growfs", "-d", "--", mp);
        executor.run(grow.withTimeout(timeouts.grow()));
        Size after = filesystemSize(real, mp, fsType);
        // A remainder too small for a new block group or allocation group is left unused by design.
        return after.bytes() > before.bytes();
    }

    private Probe probeReal(Path real) {
        Command blkid = Command.of("blkid", "-p", "-o", "export", "--", real.toString()).withTimeout(timeouts.probe());
        CommandResult result = executor.execute(blkid);
        switch (result.exitCode()) {
            case 0:
                Map<String, String> values = BlkidParser.parseExport(result.stdout());
                return new Probe(values.get("TYPE"), values.get("UUID"), values.get("PTTYPE"));
            case 2:
                return Probe.NOTHING;
            case 8:
                // Several signatures that contradict each other: certainly not an empty device.
                return new Probe(Probe.AMBIVALENT, null, null);
            default:
                throw new HostCommandException("could not probe " + real, blkid, result);
        }
    }

    /**
     * e2fsck exit codes are a bit mask (e2fsck(8)): 1 errors corrected, 2 "reboot": corrected on a
     * mounted filesystem whose kernel view may be stale. We only check unmounted data volumes, whose
     * kernel view is read at the coming mount, so 2 and 3 proceed with a warning; 4 and above leave
     * errors or mean the check failed, and the mount is refused. The message becomes the volume's
     * error in the operation's answer, so it says what failed and what to do and quotes none of
     * e2fsck's output; the log has that output.
     */
    private void checkExt(Path device, Path real) {
        Command e2fsck = Command.of("e2fsck", "-p", "--", real.toString()).withTimeout(timeouts.check());
        CommandResult result = executor.execute(e2fsck);
        int exit = result.exitCode();
        if (exit >= 4 || exit < 0) {
            log.warn("e2fsck on {} ({}) exited {}: {}", device, real, exit, result.stderr().isBlank() ? result.stdout() : result.stderr());
            throw new FilesystemCheckException((exit < 0 ? "e2fsck did not finish (exit " + exit + ")"
                    : "e2fsck found errors it could not repair (exit " + exit + ")") + "; its output is in the agent's "
                    + "log. Repair the filesystem by hand (e2fsck -f) or restore an older snapshot", exit);
        }
        if (exit >= 2) {
            log.warn("e2fsck corrected errors on {} and asks for a reboot; it is not mounted, so the mount proceeds", real);
        } else if (exit == 1) {
            log.info("e2fsck corrected errors on {}", real);
        }
    }

    private long deviceSize(Path real) {
        // blockdev takes no "--"; the operand is a checked /dev path, so it cannot pose as an option.
        String out = executor.run(Command.of("blockdev", "--getsize64", real.toString()).withTimeout(timeouts.probe()))
                .stdout().strip();
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            log.warn("blockdev --getsize64 {} printed no size: {}", real, out);
            throw new IllegalStateException("blockdev printed no size for the device; its output is in the agent's log", e);
        }
    }

    private Size filesystemSize(Path real, String mountPoint, String fsType) {
        if (isExt(fsType)) {
            Map<String, String> header = ext4Header(real);
            return new Size(number(header, "Block count"), number(header, "Block size"));
        }
        String info = executor.run(Command.of("xfs_growfs", "-n", "--", mountPoint).withTimeout(timeouts.probe())).stdout();
        Matcher data = XFS_DATA.matcher(info);
        if (!data.find()) {
            throw new IllegalStateException("xfs_growfs -n printed no data section for " + mountPoint);
        }
        return new Size(Long.parseLong(data.group(2)), Long.parseLong(data.group(1)));
    }

    private Map<String, String> ext4Header(Path real) {
        String out = executor.run(Command.of("dumpe2fs", "-h", "--", real.toString()).withTimeout(timeouts.probe())).stdout();
        Map<String, String> header = new HashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return header;
    }

    private static long number(Map<String, String> header, String key) {
        String value = header.get(key);
        if (value == null || !value.matches("\\d+")) {
            throw new IllegalStateException("dumpe2fs printed no " + key);
        }
        return Long.parseLong(value);
    }

    private boolean mountedAt(Path real, String mountPoint) {
        return mountTable.at(mountPoint).filter(entry -> DeviceNumbers.isOn(entry, real)).isPresent();
    }

    private static boolean isExt(String fsType) {
        return "ext3".equals(fsType) || "ext4".equals(fsType);
    }

    private record Size(long blocks, long blockSize) {
        long bytes() {
            return blocks * blockSize;
        }
    }
}
