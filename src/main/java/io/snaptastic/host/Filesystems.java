package io.snaptastic.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Probes, formats, checks and grows the ext4 and xfs filesystems of volumes, never touching one that holds data. */
public class Filesystems {

    private static final Logger log = LoggerFactory.getLogger(Filesystems.class);

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CHECK_TIMEOUT = Duration.ofHours(2);
    private static final Duration GROW_TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern XFS_DATA = Pattern.compile("(?m)^data\\s*=\\s*bsize=(\\d+)\\s+blocks=(\\d+)");

    private final HostExecutor executor;
    private final MountTable mountTable;

    public Filesystems(HostExecutor executor) {
        this(executor, new MountTable());
    }

    public Filesystems(HostExecutor executor, MountTable mountTable) {
        this.executor = executor;
        this.mountTable = mountTable;
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
        Operands.filesystem(fsType);
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
        executor.run(mkfs.withTimeout(FORMAT_TIMEOUT));
    }

    /**
     * Checks an unmounted filesystem before it is mounted read-write, repairing what is safe to repair.
     *
     * @throws FilesystemCheckException when errors are left or the check could not run
     */
    public void check(Path device, String fsType) {
        Operands.filesystem(fsType);
        Path real = Operands.device(device);
        if ("ext4".equals(fsType)) {
            checkExt4(real, false);
        } else {
            checkXfs(real);
        }
    }

    /**
     * Grows the filesystem to the size of its device when the device is larger, as after restoring a
     * snapshot onto a bigger volume. ext4 grows online when mounted (after an {@code e2fsck -f} when
     * not), xfs always online, so it must be mounted at the mount point.
     *
     * @return whether the filesystem grew
     */
    public boolean growIfNeeded(Path device, String mountPoint, String fsType) {
        Operands.filesystem(fsType);
        Path real = Operands.device(device);
        String mp = Operands.mountPoint(mountPoint);
        long deviceBytes = deviceSize(real);
        Size before = filesystemSize(real, mp, fsType);
        if (deviceBytes - before.bytes() < before.blockSize()) {
            return false;
        }
        log.info("growing {} on {} from {} to {} bytes", fsType, device, before.bytes(), deviceBytes);
        if ("ext4".equals(fsType)) {
            if (!mounted(real)) {
                // resize2fs insists on a freshly checked filesystem when it resizes offline.
                checkExt4(real, true);
            }
            executor.run(Command.of("resize2fs", "--", real.toString()).withTimeout(GROW_TIMEOUT));
        } else {
            executor.run(Command.of("xfs_growfs", "-d", "--", mp).withTimeout(GROW_TIMEOUT));
        }
        Size after = filesystemSize(real, mp, fsType);
        // A remainder too small for a new block group or allocation group is left unused by design.
        return after.bytes() > before.bytes();
    }

    private Probe probeReal(Path real) {
        Command blkid = Command.of("blkid", "-p", "-o", "export", "--", real.toString()).withTimeout(PROBE_TIMEOUT);
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
     * errors or mean the check failed, and the mount is refused.
     */
    private void checkExt4(Path real, boolean force) {
        Command e2fsck = force
                ? Command.of("e2fsck", "-f", "-p", "--", real.toString())
                : Command.of("e2fsck", "-p", "--", real.toString());
        CommandResult result = executor.execute(e2fsck.withTimeout(CHECK_TIMEOUT));
        int exit = result.exitCode();
        if (exit >= 4) {
            throw new FilesystemCheckException("e2fsck failed or left errors on " + real + " (exit " + exit + "): "
                    + lastLine(result), exit);
        }
        if (exit >= 2) {
            log.warn("e2fsck corrected errors on {} and asks for a reboot; it is not mounted, so the mount proceeds", real);
        } else if (exit == 1) {
            log.info("e2fsck corrected errors on {}", real);
        }
    }

    /**
     * {@code xfs_repair -n} only reports: 0 clean, 1 corruption. A dirty log (a snapshot taken
     * without a freeze) also fails here; it needs a mount to replay it, which a person should decide.
     */
    private void checkXfs(Path real) {
        CommandResult result = executor.execute(
                Command.of("xfs_repair", "-n", "--", real.toString()).withTimeout(CHECK_TIMEOUT));
        if (result.exitCode() != 0) {
            throw new FilesystemCheckException("xfs_repair -n found problems on " + real + " (exit "
                    + result.exitCode() + "): " + lastLine(result), result.exitCode());
        }
    }

    private long deviceSize(Path real) {
        // blockdev takes no "--"; the operand is a checked /dev path, so it cannot pose as an option.
        String out = executor.run(Command.of("blockdev", "--getsize64", real.toString()).withTimeout(PROBE_TIMEOUT))
                .stdout().strip();
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("blockdev printed no size for " + real + ": " + out, e);
        }
    }

    private Size filesystemSize(Path real, String mountPoint, String fsType) {
        if ("ext4".equals(fsType)) {
            Map<String, String> header = ext4Header(real);
            return new Size(number(header, "Block count"), number(header, "Block size"));
        }
        String info = executor.run(Command.of("xfs_growfs", "-n", "--", mountPoint).withTimeout(PROBE_TIMEOUT)).stdout();
        Matcher data = XFS_DATA.matcher(info);
        if (!data.find()) {
            throw new IllegalStateException("xfs_growfs -n printed no data section for " + mountPoint);
        }
        return new Size(Long.parseLong(data.group(2)), Long.parseLong(data.group(1)));
    }

    private Map<String, String> ext4Header(Path real) {
        String out = executor.run(Command.of("dumpe2fs", "-h", "--", real.toString()).withTimeout(PROBE_TIMEOUT)).stdout();
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

    private boolean mounted(Path real) {
        return mountTable.entries().stream().anyMatch(entry -> DeviceNumbers.isOn(entry, real));
    }

    private static String lastLine(CommandResult result) {
        String text = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
        int newline = text.lastIndexOf('\n');
        return newline < 0 ? text : text.substring(newline + 1);
    }

    private record Size(long blocks, long blockSize) {
        long bytes() {
            return blocks * blockSize;
        }
    }
}
