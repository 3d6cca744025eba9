package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxRestartTests {

    static final String INSTANCE = "i-0sandbox000000001";

    @TempDir
    Path stateDir;

    SandboxHarness ec2;

    @AfterEach
    void stop() {
        if (ec2 != null) {
            ec2.close();
        }
    }

    private SandboxHarness restart(SandboxProperties settings, Disks disks) {
        ec2.close();
        ec2 = SandboxHarness.start(stateDir, settings, disks);
        return ec2;
    }

    @Test
    void resourcesAndTagsSurviveARestart() {
        FakeDisks disks = new FakeDisks();
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String root = ec2.sandbox.store().instance().rootVolumeId();
        String volume = ec2.createVolume(3, "TagSpecification.1.ResourceType", "volume",
                "TagSpecification.1.Tag.1.Key", "role", "TagSpecification.1.Tag.1.Value", "solr");
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(volume).equals("available"));
        String snapshot = ec2.call("CreateSnapshot", "VolumeId", volume).ok().text("//snapshotId");
        ec2.call("CreateTags", "ResourceId.1", INSTANCE, "Tag.1.Key", "team", "Tag.1.Value", "search").ok();

        restart(SandboxHarness.fast(), disks);

        assertThat(ec2.sandbox.store().instance().rootVolumeId()).isEqualTo(root);
        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "tag:role", "Filter.1.Value.1", "solr").ok()
                .texts("//volumeSet/item/volumeId")).containsExactly(volume);
        assertThat(ec2.call("DescribeSnapshots", "Owner.1", "self").ok().texts("//snapshotSet/item/snapshotId")).containsExactly(snapshot);
        assertThat(ec2.call("DescribeTags", "Filter.1.Name", "resource-id", "Filter.1.Value.1", INSTANCE).ok()
                .texts("//tagSet/item/key")).contains("team");
        assertThat(stateDir.resolve("sandbox/state.json")).isRegularFile();
        assertThat(stateDir.resolve("sandbox/state.json.tmp")).doesNotExist();
    }

    @Test
    void transitionsUnderWayAreFinishedAfterARestart() {
        FakeDisks disks = new FakeDisks();
        SandboxProperties slow = SandboxHarness.fast().withDelays(Duration.ofHours(1), Duration.ofHours(1));
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String attached = ec2.createVolume(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(attached).equals("available"));
        restart(slow, disks);
        String creating = ec2.createVolume(1);
        String snapshot = ec2.call("CreateSnapshot", "VolumeId", attached).ok().text("//snapshotId");
        ec2.call("AttachVolume", "VolumeId", attached, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();

        restart(SandboxHarness.fast(), disks);

        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(creating).equals("available"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.snapshotState(snapshot).equals("completed"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(attached).equals("attached"));
    }

    @Test
    void attachedVolumeWhoseLoopDeviceIsGoneIsAttachedAgain() {
        FakeDisks before = new FakeDisks();
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), before);
        String volume = ec2.createVolume(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(volume).equals("available"));
        ec2.call("AttachVolume", "VolumeId", volume, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(volume).equals("attached"));

        FakeDisks afterReboot = new FakeDisks();
        restart(SandboxHarness.fast(), afterReboot);

        assertThat(afterReboot.calls).containsExactly("attach " + volume + " /dev/sdf nvme1 /dev/loop100");
        assertThat(ec2.attachmentState(volume)).isEqualTo("attached");
    }

    @Test
    void attachedVolumeWhoseLoopDeviceRemainsIsLeftAlone() {
        FakeDisks disks = new FakeDisks();
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String volume = ec2.createVolume(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(volume).equals("available"));
        ec2.call("AttachVolume", "VolumeId", volume, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(volume).equals("attached"));
        disks.calls.clear();

        restart(SandboxHarness.fast(), disks);

        assertThat(disks.calls).isEmpty();
        assertThat(disks.loops).containsEntry("/dev/loop100", volume);
    }

    @Test
    void aFreshStateHasTheInstanceAndItsRootVolumeImage() throws Exception {
        FakeDisks disks = new FakeDisks();
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);

        SandboxInstance instance = ec2.sandbox.store().instance();
        assertThat(instance.id()).isEqualTo(INSTANCE);
        assertThat(disks.volumeImages).containsEntry(instance.rootVolumeId(), 8L << 30);
        assertThat(Files.readString(stateDir.resolve("sandbox/state.json"))).contains(instance.rootVolumeId());
    }

    @Test
    void unreadableStateStopsTheStartWithAClearError() throws Exception {
        Files.createDirectories(stateDir.resolve("sandbox"));
        Files.writeString(stateDir.resolve("sandbox/state.json"), "{ not json");

        assertThatThrownBy(() -> SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks()))
                .hasMessageContaining("state.json").hasMessageContaining("move it away");
    }
}
