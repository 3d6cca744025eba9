package io.snaptastic.host;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snaptastic.host.HostException.HostCommandException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loop devices and mount points for the tests that run on the real host, all released on close,
 * also after a failure: thawed, unmounted, detached, deleted, in that order.
 */
public final class HostFixture implements AutoCloseable {

    private static final HostExecutor HOST = new ProcessHostExecutor();
    private static String unavailable;
    private static boolean probed;

    private final Path dir;
    private final List<LoopDevice> loops = new ArrayList<>();
    private final List<String> mountPoints = new ArrayList<>();

    private HostFixture(Path dir) {
        this.dir = dir;
    }

    /** Skips the test, saying why, only where this machine cannot make a loop device. */
    public static HostFixture create() throws IOException {
        String reason = loopDevicesUnavailable();
        assumeTrue(reason == null, () -> "host test skipped: " + reason);
        return new HostFixture(Files.createTempDirectory("snaptastic-host-test").toRealPath());
    }

    /** Skips an xfs test when xfsprogs is not installed (CI installs it). */
    static void assumeXfs() {
        assumeTrue(onPath("mkfs.xfs") && onPath("xfs_repair") && onPath("xfs_growfs"),
                "xfs test skipped: xfsprogs (mkfs.xfs, xfs_repair, xfs_growfs) is not installed");
    }

    public Path dir() {
        return dir;
    }

    public LoopDevice loop(String name, long bytes) {
        LoopDevice loop = LoopDevice.create(dir.resolve(name + ".img"), bytes);
        loops.add(loop);
        return loop;
    }

    /** A mount point under the fixture's dir, released on close whoever mounts it. */
    public String mountPoint(String name) {
        String mountPoint = dir.resolve("mnt").resolve(name).toString();
        mountPoints.add(mountPoint);
        return mountPoint;
    }

    @Override
    public void close() throws IOException {
        List<RuntimeException> failures = new ArrayList<>();
        MountTable table = new MountTable();
        for (int i = mountPoints.size() - 1; i >= 0; i--) {
            String mountPoint = mountPoints.get(i);
            for (int stacked = 0; stacked < 5 && table.at(mountPoint).isPresent(); stacked++) {
                HOST.execute(command("fsfreeze", "-u", "--", mountPoint));
                attempt(failures, () -> HOST.run(command("umount", "-l", "--", mountPoint)));
            }
        }
        for (LoopDevice loop : loops) {
            attempt(failures, loop::close);
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable release) {
        try {
            release.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static synchronized String loopDevicesUnavailable() {
        if (!probed) {
            probed = true;
            unavailable = probeLoopDevices();
        }
        return unavailable;
    }

    private static String probeLoopDevices() {
        if (!onPath("losetup")) {
            return "losetup is not installed";
        }
        if (!"0".equals(HOST.execute(command("id", "-u")).stdout().strip())) {
            return "not running as root";
        }
        Path image = null;
        try {
            image = Files.createTempFile("snaptastic-loop-probe", ".img");
            try (LoopDevice loop = LoopDevice.create(image, 1 << 20)) {
                return null;
            }
        } catch (IOException | UncheckedIOException | HostCommandException e) {
            return "this machine cannot make a loop device: " + e.getMessage();
        } finally {
            if (image != null) {
                try {
                    Files.deleteIfExists(image);
                } catch (IOException ignored) {
                    // a leftover empty temp file is harmless
                }
            }
        }
    }

    private static boolean onPath(String program) {
        return Stream.of((System.getenv().getOrDefault("PATH", "") + ":/sbin:/usr/sbin").split(":"))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    public static Command command(String... argv) {
        return Command.of(argv).withTimeout(Duration.ofSeconds(60));
    }
}
