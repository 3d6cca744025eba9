package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's data plane for real, as root: sparse images on loop devices, snapshots as copies. */
class SandboxDataPlaneTests {

    static final String INSTANCE = "i-0sandbox000000001";
    static final long OFFSET = 3L << 20;

    final ProcessHostExecutor host = new ProcessHostExecutor();

    @TempDir
    Path stateDir;

    @TempDir
    Path mountPoint;

    SandboxHarness ec2;
    Path sandboxDir;

    @BeforeEach
    void requireLoopDevices() {
        assumeTrue(Files.exists(Path.of("/dev/loop-control")) && "root".equals(System.getProperty("user.name")),
                "needs root and /dev/loop-control to make loop devices");
        sandboxDir = stateDir.resolve("sandbox");
        ec2 = start();
    }

    private SandboxHarness start() {
        SandboxDisks disks = new SandboxDisks(sandboxDir, host, new DeviceLinks(sandboxDir.resolve("dev"), sandboxDir.resolve("sys")));
        return SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
    }

    /** Releases every mount and loop device this test made, whatever state the sandbox is in. */
    @AfterEach
    void releaseEverything() throws IOException {
        if (ec2 != null) {
            ec2.close();
        }
        if (sandboxDir == null) {
            return;
        }
        host.execute(Command.of("umount", "--", mountPoint.toString()).withTimeout(Duration.ofSeconds(30)));
        Path volumes = sandboxDir.resolve("volumes");
        if (Files.isDirectory(volumes)) {
            try (Stream<Path> images = Files.list(volumes)) {
                for (Path image : images.toList()) {
                    String loops = host.execute(Command.of("losetup", "--associated", image.toString())).stdout();
                    for (String line : loops.split("\n")) {
                        if (line.startsWith("/dev/loop")) {
                            host.execute(Command.of("losetup", "--detach", line.substring(0, line.indexOf(':'))));
                        }
                    }
                }
            }
        }
        try (Stream<Path> tree = Files.walk(stateDir)) {
            for (Path link : tree.filter(Files::isSymbolicLink).toList()) {
                Files.delete(link);
            }
        }
    }

    private String attachedVolume(String device, String... create) {
        String id = create.length == 0 ? ec2.createVolume(1)
                : ec2.call("CreateVolume", create).ok().text("//volumeId");
        await().atMost(Duration.ofSeconds(30)).until(() -> ec2.volumeState(id).equals("available"));
        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", device).ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> ec2.attachmentState(id).equals("attached"));
        return id;
    }

    private void write(Path device, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), OFFSET);
            channel.force(true);
        }
    }

    private String read(Path device, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ)) {
            channel.read(buffer, OFFSET);
        }
        return new String(buffer.array(), StandardCharsets.UTF_8);
    }

    @Test
    void bytesWrittenToAVolumeComeBackFromAVolumeMadeOfItsSnapshot() throws Exception {
        String source = attachedVolume("/dev/sdf");
        String text = "snaptastic " + UUID.randomUUID();
        write(sandboxDir.resolve("dev/sdf"), text);

        String snapshot = ec2.call("CreateSnapshot", "VolumeId", source).ok().text("//snapshotId");
        write(sandboxDir.resolve("dev/sdf"), "overwritten after the snapshot, not in it");
        await().atMost(Duration.ofSeconds(30)).until(() -> ec2.snapshotState(snapshot).equals("completed"));
        String restored = attachedVolume("/dev/sdg", "AvailabilityZone", "eu-west-1a", "SnapshotId", snapshot, "Size", "2");

        assertThat(read(sandboxDir.resolve("dev/sdg"), text.length())).isEqualTo(text);
        assertThat(Files.size(sandboxDir.resolve("volumes/" + restored + ".img"))).isEqualTo(2L << 30);
    }

    @Test
    void attachedVolumeAppearsAsTheDeviceResolverReadsIt() throws Exception {
        String id = attachedVolume("/dev/sdf");
        SandboxAttachment attachment = ec2.sandbox.store().existingVolume(id).attachment();
        String serial = id.replace("-", "");

        assertThat(attachment.loopDevice()).matches("/dev/loop\\d+");
        assertThat(Files.readSymbolicLink(sandboxDir.resolve("dev/sdf"))).isEqualTo(Path.of(attachment.loopDevice()));
        assertThat(Files.readSymbolicLink(sandboxDir.resolve("dev/nvme1n1"))).isEqualTo(Path.of(attachment.loopDevice()));
        assertThat(sandboxDir.resolve("dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_" + serial).toRealPath())
                .isEqualTo(Path.of(attachment.loopDevice()).toRealPath());
        assertThat(Files.readString(sandboxDir.resolve("sys/class/nvme/nvme1/serial")).strip()).isEqualTo(serial);
        assertThat(host.run(Command.of("losetup", "--list", "--noheadings", "--output", "BACK-FILE", attachment.loopDevice()))
                .stdout().strip()).isEqualTo(sandboxDir.resolve("volumes/" + id + ".img").toString());

        ec2.call("DetachVolume", "VolumeId", id).ok();
        await().atMost(Duration.ofSeconds(30)).until(() -> ec2.volumeState(id).equals("available"));
        assertThat(sandboxDir.resolve("dev/sdf")).doesNotExist();
        assertThat(sandboxDir.resolve("sys/class/nvme/nvme1")).doesNotExist();
        assertThat(host.execute(Command.of("losetup", "--associated", sandboxDir.resolve("volumes/" + id + ".img").toString()))
                .stdout()).isBlank();
    }

    @Test
    void mountedVolumeCannotBeDetachedUntilUnmounted() {
        String id = attachedVolume("/dev/sdf");
        String loop = ec2.sandbox.store().existingVolume(id).attachment().loopDevice();
        host.run(Command.of("mkfs.ext4", "-q", "-F", "--", loop).withTimeout(Duration.ofSeconds(60)));
        host.run(Command.of("mount", "--", sandboxDir.resolve("dev/sdf").toString(), mountPoint.toString()));

        SandboxHarness.Answer refused = ec2.call("DetachVolume", "VolumeId", id);
        CommandResult unmounted = host.run(Command.of("umount", "--", mountPoint.toString()));
        ec2.call("DetachVolume", "VolumeId", id).ok();

        assertThat(refused.errorCode()).isEqualTo("IncorrectState");
        assertThat(unmounted.succeeded()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ec2.volumeState(id).equals("available"));
    }

    @Test
    void volumeWhoseLoopDeviceWentAwayIsAttachedAgainOnStart() throws Exception {
        String id = attachedVolume("/dev/sdf");
        String text = "kept across a reboot " + UUID.randomUUID();
        write(sandboxDir.resolve("dev/sdf"), text);
        ec2.close();
        ec2 = null;
        // What a reboot does: the loop device and the device links are gone.
        host.run(Command.of("losetup", "--detach", Files.readSymbolicLink(sandboxDir.resolve("dev/sdf")).toString()));
        List<Path> links;
        try (Stream<Path> tree = Files.walk(sandboxDir.resolve("dev"))) {
            links = tree.filter(Files::isSymbolicLink).toList();
        }
        for (Path link : links) {
            Files.delete(link);
        }

        ec2 = start();

        assertThat(ec2.attachmentState(id)).isEqualTo("attached");
        assertThat(read(sandboxDir.resolve("dev/sdf"), text.length())).isEqualTo(text);
    }
}
