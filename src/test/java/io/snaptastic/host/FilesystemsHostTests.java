package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snaptastic.host.HostException.DeviceNotEmptyException;
import io.snaptastic.host.HostException.FilesystemCheckException;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostException.MountBusyException;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.host.freeze.FrozenFilesystems;
import io.snaptastic.host.freeze.RecordingFreezer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Formats, checks, mounts, restores and grows real filesystems on loop devices, as root. */
class FilesystemsHostTests {

    static final long MIB = 1 << 20;

    final HostExecutor executor = new ProcessHostExecutor();
    final Filesystems filesystems = new Filesystems(executor, new MountTable());
    final Mounter mounter = new UtilLinuxMounter(executor, new MountTable());
    HostFixture host;
    Freezer freezer;

    @BeforeEach
    void createFixture() throws IOException {
        host = HostFixture.create();
    }

    @AfterEach
    void releaseEverything() throws IOException {
        try {
            if (freezer != null) {
                freezer.close();
            }
        } finally {
            if (host != null) {
                host.close();
            }
        }
    }

    /** The agent's own freezer, recording under the fixture's dir. */
    private Freezer freezer() throws IOException {
        freezer = new RecordingFreezer(executor, new MountTable(), Files.createDirectories(host.dir().resolve("state")));
        return freezer;
    }

    @Test
    void formatRefusesADeviceThatHoldsData() throws IOException {
        Path formatted = host.loop("formatted", 64 * MIB).device();
        filesystems.format(formatted, "ext4", false);
        Path partitioned = host.loop("partitioned", 64 * MIB).device();
        writePartitionTable(partitioned);
        Path restored = host.loop("restored", 64 * MIB).device();

        assertThat(filesystems.probe(formatted).fsType()).isEqualTo("ext4");
        assertThatExceptionOfType(DeviceNotEmptyException.class)
                .isThrownBy(() -> filesystems.format(formatted, "xfs", false))
                .withMessageContaining("ext4");
        assertThat(filesystems.probe(partitioned).partitionTableType()).isEqualTo("dos");
        assertThatExceptionOfType(DeviceNotEmptyException.class)
                .isThrownBy(() -> filesystems.format(partitioned, "ext4", false))
                .withMessageContaining("partition table");
        assertThatExceptionOfType(DeviceNotEmptyException.class)
                .isThrownBy(() -> filesystems.format(restored, "ext4", true));
        assertThat(filesystems.probe(restored).empty()).isTrue();
    }

    @Test
    void checkFailsOnAnExt4WithoutASuperblock() throws IOException {
        Path device = host.loop("broken", 64 * MIB).device();
        filesystems.format(device, "ext4", false);
        try (RandomAccessFile raw = new RandomAccessFile(device.toFile(), "rw")) {
            raw.seek(1024);
            raw.write(new byte[1024]);
        }

        assertThatExceptionOfType(FilesystemCheckException.class)
                .isThrownBy(() -> filesystems.check(device, "ext4"))
                .satisfies(e -> assertThat(e.exitCode()).isGreaterThanOrEqualTo(4));
    }

    @Test
    void ext4RoundTripChecksAndMountsAndNeverGrowsOffline() throws IOException {
        LoopDevice loop = host.loop("ext4", 64 * MIB);
        String mountPoint = host.mountPoint("ext4");
        filesystems.format(loop.device(), "ext4", false);
        filesystems.check(loop.device(), "ext4");
        mounter.mount(loop.device(), mountPoint, "ext4", List.of("defaults", "noatime"));
        Files.writeString(Path.of(mountPoint, "kept"), "data");
        mounter.unmount(mountPoint, false);

        loop.grow(128 * MIB);
        filesystems.check(loop.device(), "ext4");

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> filesystems.growIfNeeded(loop.device(), mountPoint, "ext4"));
        mounter.mount(loop.device(), mountPoint, "ext4", List.of("defaults"));
        mounter.mount(loop.device(), mountPoint, "ext4", List.of("defaults"));
        assertThat(Path.of(mountPoint, "kept")).hasContent("data");
        assertThat(mounter.mountedAt(mountPoint)).map(MountEntry::fsType).hasValue("ext4");
        mounter.unmount(mountPoint, false);
        assertThat(mounter.mountedAt(mountPoint)).isEmpty();
    }

    @Test
    void ext4GrowsOnlineWhileMounted() throws IOException {
        assumeTrue(HostCapabilities.effective(HostCapabilities.CAP_SYS_RESOURCE),
                "online ext4 resize needs CAP_SYS_RESOURCE, which this process does not have");
        LoopDevice loop = host.loop("ext4-online", 64 * MIB);
        String mountPoint = host.mountPoint("ext4-online");
        filesystems.format(loop.device(), "ext4", false);
        mounter.mount(loop.device(), mountPoint, "ext4", List.of("defaults"));
        long sizeBefore = Files.getFileStore(Path.of(mountPoint)).getTotalSpace();

        loop.grow(128 * MIB);

        assertThat(filesystems.growIfNeeded(loop.device(), mountPoint, "ext4")).isTrue();
        assertThat(filesystems.growIfNeeded(loop.device(), mountPoint, "ext4")).isFalse();
        assertThat(Files.getFileStore(Path.of(mountPoint)).getTotalSpace()).isGreaterThan(sizeBefore);
    }

    @Test
    void ext4OnlineGrowthWithoutCapSysResourceFailsAndLeavesTheMountAsItWas() throws IOException {
        assumeFalse(HostCapabilities.effective(HostCapabilities.CAP_SYS_RESOURCE),
                "this process has CAP_SYS_RESOURCE, so online ext4 growth succeeds here");
        LoopDevice loop = host.loop("ext4-nocap", 64 * MIB);
        String mountPoint = host.mountPoint("ext4-nocap");
        filesystems.format(loop.device(), "ext4", false);
        mounter.mount(loop.device(), mountPoint, "ext4", List.of("defaults"));
        Files.writeString(Path.of(mountPoint, "kept"), "data");
        long sizeBefore = Files.getFileStore(Path.of(mountPoint)).getTotalSpace();

        loop.grow(128 * MIB);

        assertThatExceptionOfType(HostCommandException.class)
                .isThrownBy(() -> filesystems.growIfNeeded(loop.device(), mountPoint, "ext4"))
                .satisfies(e -> assertThat(e.stderr()).contains("Permission denied"));
        assertThat(mounter.mountedAt(mountPoint)).map(MountEntry::fsType).hasValue("ext4");
        assertThat(Files.getFileStore(Path.of(mountPoint)).getTotalSpace()).isEqualTo(sizeBefore);
        assertThat(Path.of(mountPoint, "kept")).hasContent("data");
    }

    @Test
    void xfsRoundTripMountsAndGrowsOnline() throws IOException {
        HostFixture.assumeXfs();
        // mkfs.xfs makes no filesystem under 300 MiB.
        LoopDevice loop = host.loop("xfs", 300 * MIB);
        String mountPoint = host.mountPoint("xfs");
        filesystems.format(loop.device(), "xfs", false);
        filesystems.check(loop.device(), "xfs");
        mounter.mount(loop.device(), mountPoint, "xfs", List.of("defaults", "noatime"));
        Files.writeString(Path.of(mountPoint, "kept"), "data");
        long sizeBefore = Files.getFileStore(Path.of(mountPoint)).getTotalSpace();

        assertThat(filesystems.growIfNeeded(loop.device(), mountPoint, "xfs")).isFalse();
        loop.grow(400 * MIB);

        assertThat(filesystems.growIfNeeded(loop.device(), mountPoint, "xfs")).isTrue();
        assertThat(filesystems.growIfNeeded(loop.device(), mountPoint, "xfs")).isFalse();
        assertThat(Files.getFileStore(Path.of(mountPoint)).getTotalSpace()).isGreaterThan(sizeBefore);
        mounter.unmount(mountPoint, false);
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> filesystems.growIfNeeded(loop.device(), mountPoint, "xfs"));
        mounter.mount(loop.device(), mountPoint, "xfs", List.of("defaults"));
        assertThat(Path.of(mountPoint, "kept")).hasContent("data");
    }

    /**
     * A snapshot of a frozen XFS, as the agent and the Python snaptastic take it: the copy's log is
     * dirty, so {@code xfs_repair -n} refuses it, and the mount replays it. Restored onto a larger
     * device, it then grows online.
     */
    @Test
    void aCopyOfAFrozenXfsMountsReplayingItsLogAndGrowsOnline() throws IOException {
        HostFixture.assumeXfs();
        LoopDevice original = host.loop("xfs-original", 300 * MIB);
        String originalMount = host.mountPoint("xfs-original");
        filesystems.format(original.device(), "xfs", false);
        mounter.mount(original.device(), originalMount, "xfs", List.of("defaults"));
        Files.writeString(Path.of(originalMount, "kept"), "before the snapshot");
        Path copy = host.dir().resolve("xfs-restored.img");
        try (FrozenFilesystems frozen = freezer().freeze(List.of(originalMount), Duration.ofSeconds(60))) {
            Files.copy(original.image(), copy);
        }
        // The copy has the original's UUID, and XFS mounts no second filesystem with the same one
        // (xfs(5), "nouuid"): as on EC2, where the restore follows the unmount or runs elsewhere.
        mounter.unmount(originalMount, false);
        LoopDevice restored = host.loop("xfs-restored", 400 * MIB);
        String restoredMount = host.mountPoint("xfs-restored");
        assertThat(executor.execute(HostFixture.command("xfs_repair", "-n", "--", restored.device().toString())).exitCode())
                .as("xfs_repair -n on the frozen copy's dirty log").isEqualTo(1);

        assertThat(filesystems.probe(restored.device()).fsType()).isEqualTo("xfs");
        filesystems.check(restored.device(), "xfs");
        mounter.mount(restored.device(), restoredMount, "xfs", List.of("defaults"));

        assertThat(Path.of(restoredMount, "kept")).hasContent("before the snapshot");
        long sizeBefore = Files.getFileStore(Path.of(restoredMount)).getTotalSpace();
        assertThat(filesystems.growIfNeeded(restored.device(), restoredMount, "xfs")).isTrue();
        assertThat(Files.getFileStore(Path.of(restoredMount)).getTotalSpace()).isGreaterThan(sizeBefore);
        mounter.unmount(restoredMount, false);
        assertThat(executor.execute(HostFixture.command("xfs_repair", "-n", "--", restored.device().toString())).exitCode())
                .as("xfs_repair -n once the mount replayed the log").isZero();
    }

    /** The Python snaptastic could make ext3: a copy of a frozen one is checked, mounted as ext3 and kept. */
    @Test
    void aCopyOfAFrozenExt3ChecksAndMountsAsExt3() throws IOException {
        LoopDevice original = host.loop("ext3-original", 64 * MIB);
        String originalMount = host.mountPoint("ext3-original");
        executor.run(HostFixture.command("mkfs.ext3", "-q", "--", original.device().toString()));
        mounter.mount(original.device(), originalMount, "ext3", List.of("defaults"));
        Files.writeString(Path.of(originalMount, "kept"), "ext3 data");
        Path copy = host.dir().resolve("ext3-restored.img");
        try (FrozenFilesystems frozen = freezer().freeze(List.of(originalMount), Duration.ofSeconds(60))) {
            Files.copy(original.image(), copy);
        }
        LoopDevice restored = host.loop("ext3-restored", 64 * MIB);
        String restoredMount = host.mountPoint("ext3-restored");

        assertThat(filesystems.probe(restored.device()).fsType()).isEqualTo("ext3");
        filesystems.check(restored.device(), "ext3");
        mounter.mount(restored.device(), restoredMount, "ext3", List.of("defaults"));

        assertThat(Path.of(restoredMount, "kept")).hasContent("ext3 data");
        assertThat(mounter.mountedAt(restoredMount)).map(MountEntry::fsType).hasValue("ext3");
        assertThat(filesystems.growIfNeeded(restored.device(), restoredMount, "ext3")).isFalse();
    }

    @Test
    void unmountOfABusyFilesystemSaysSoAndLazyUnmountSucceeds() throws Exception {
        Path device = host.loop("busy", 64 * MIB).device();
        String mountPoint = host.mountPoint("busy");
        filesystems.format(device, "ext4", false);
        mounter.mount(device, mountPoint, "ext4", List.of());
        Process holder = new ProcessBuilder("sleep", "60").directory(Path.of(mountPoint).toFile()).start();
        try {
            assertThatExceptionOfType(MountBusyException.class).isThrownBy(() -> mounter.unmount(mountPoint, false));

            mounter.unmount(mountPoint, true);

            assertThat(mounter.mountedAt(mountPoint)).isEmpty();
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /** A DOS partition table: one Linux partition entry and the boot signature, written to the device. */
    private static void writePartitionTable(Path device) throws IOException {
        byte[] entry = {0, 0, 0, 0, (byte) 0x83, 0, 0, 0, 0, 8, 0, 0, 0, 0, 1, 0};
        try (RandomAccessFile raw = new RandomAccessFile(device.toFile(), "rw")) {
            raw.seek(446);
            raw.write(entry);
            raw.seek(510);
            raw.write(new byte[] {0x55, (byte) 0xaa});
        }
    }
}
