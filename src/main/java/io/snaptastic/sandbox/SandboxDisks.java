package io.snaptastic.sandbox;

import io.snaptastic.host.Command;
import io.snaptastic.host.HostExecutor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sandbox's data plane on the host: volume and snapshot images are sparse files, copies use
 * {@code cp --sparse=always --reflink=auto} (instant on reflink filesystems), and an attached volume
 * is a loop device ({@code losetup}) with its {@link DeviceLinks}. Commands run through the
 * {@link HostExecutor}, each with a time limit.
 */
final class SandboxDisks implements Disks {

    private static final Pattern LOOP = Pattern.compile("^/dev/loop[0-9]+$");
    private static final Duration LOSETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(30);

    private final Path volumes;
    private final Path snapshots;
    private final HostExecutor executor;
    private final DeviceLinks links;
    private final Path procRoot;
    private final Path sysRoot;

    SandboxDisks(Path sandboxDir, HostExecutor executor, DeviceLinks links) {
        this(sandboxDir, executor, links, Path.of("/proc"), Path.of("/sys"));
    }

    SandboxDisks(Path sandboxDir, HostExecutor executor, DeviceLinks links, Path procRoot, Path sysRoot) {
        this.volumes = sandboxDir.resolve("volumes");
        this.snapshots = sandboxDir.resolve("snapshots");
        this.executor = executor;
        this.links = links;
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
    }

    Path volumeImage(String volumeId) {
        return volumes.resolve(volumeId + ".img");
    }

    Path snapshotImage(String snapshotId) {
        return snapshots.resolve(snapshotId + ".img");
    }

    @Override
    public void createImage(String volumeId, long bytes) {
        try {
            Files.createDirectories(volumes);
            Files.deleteIfExists(volumeImage(volumeId));
            extend(volumeImage(volumeId), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image of " + volumeId, e);
        }
    }

    @Override
    public void restoreImage(String snapshotId, String volumeId, long bytes) {
        copy(snapshotImage(snapshotId), volumeImage(volumeId));
        try {
            extend(volumeImage(volumeId), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extend the image of " + volumeId, e);
        }
    }

    @Override
    public void snapshotImage(String volumeId, String snapshotId) {
        copy(volumeImage(volumeId), snapshotImage(snapshotId));
    }

    @Override
    public void deleteVolumeImage(String volumeId) {
        delete(volumeImage(volumeId));
    }

    @Override
    public void deleteSnapshotImage(String snapshotId) {
        delete(snapshotImage(snapshotId));
    }

    @Override
    public String attach(String volumeId, String device, Integer nvmeIndex) {
        String loop = executor.run(new Command(
                List.of("losetup", "--find", "--show", "--", volumeImage(volumeId).toString()),
                LOSETUP_TIMEOUT, Map.of())).stdout().strip();
        if (!LOOP.matcher(loop).matches()) {
            throw new IllegalStateException("losetup answered '" + loop + "', not a loop device");
        }
        try {
            links.create(device, loop, volumeId, nvmeIndex);
        } catch (RuntimeException e) {
            release(loop);
            throw e;
        }
        return loop;
    }

    @Override
    public boolean attached(String volumeId, String loopDevice) {
        Path backing = loopSys(loopDevice).resolve("loop/backing_file");
        try {
            if (!Files.exists(backing)) {
                return false;
            }
            String file = Files.readString(backing).strip();
            return Path.of(file).equals(volumeImage(volumeId).toAbsolutePath().normalize())
                    || Files.isSameFile(Path.of(file), volumeImage(volumeId));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean busy(String loopDevice) {
        try {
            Path dev = loopSys(loopDevice).resolve("dev");
            String majorMinor = Files.exists(dev) ? Files.readString(dev).strip() : "-";
            return MountTable.mounted(Files.readString(procRoot.resolve("self/mountinfo")), majorMinor, loopDevice);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mount table", e);
        }
    }

    @Override
    public void detach(String volumeId, String device, String loopDevice, Integer nvmeIndex) {
        links.remove(device, volumeId, nvmeIndex);
        // After a reboot the number may belong to another file: release it only while it is ours.
        if (attached(volumeId, loopDevice)) {
            release(loopDevice);
        }
    }

    private void release(String loop) {
        if (!LOOP.matcher(loop).matches()) {
            throw new IllegalArgumentException("not a loop device: " + loop);
        }
        // No "--" here: --detach takes the device as its own argument, so losetup would read "--" as
        // the device. The operand is a checked /dev/loopN instead.
        executor.run(new Command(List.of("losetup", "--detach", loop), LOSETUP_TIMEOUT, Map.of()));
    }

    private Path loopSys(String loopDevice) {
        if (!LOOP.matcher(loopDevice).matches()) {
            throw new IllegalArgumentException("not a loop device: " + loopDevice);
        }
        return sysRoot.resolve("block").resolve(loopDevice.substring("/dev/".length()));
    }

    /** Copies through a temporary name, so a failed copy never leaves a partial image under the real one. */
    private void copy(Path from, Path to) {
        Path temp = to.resolveSibling(to.getFileName() + ".part");
        try {
            Files.createDirectories(to.getParent());
            Files.deleteIfExists(temp);
            executor.run(new Command(List.of("cp", "--sparse=always", "--reflink=auto", "--", from.toString(),
                    temp.toString()), COPY_TIMEOUT, Map.of()));
            Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            delete(temp);
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        } catch (RuntimeException e) {
            delete(temp);
            throw e;
        }
    }

    private static void extend(Path image, long bytes) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            if (file.length() < bytes) {
                file.setLength(bytes);
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
