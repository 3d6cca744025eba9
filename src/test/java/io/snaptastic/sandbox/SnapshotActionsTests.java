package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotActionsTests {

    static final String INSTANCE = "i-0sandbox000000001";

    @TempDir
    Path stateDir;

    FakeDisks disks = new FakeDisks();
    SandboxHarness ec2;

    @AfterEach
    void stop() {
        if (ec2 != null) {
            ec2.close();
        }
    }

    private String availableVolume(String... more) {
        String id = ec2.createVolume(2, more);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));
        return id;
    }

    private String attachedVolume(String device, String... more) {
        String id = availableVolume(more);
        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", device).ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(id).equals("attached"));
        return id;
    }

    @Test
    void snapshotCapturesTheImageAtTheCallThenCompletes() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withDelays(Duration.ZERO, Duration.ofMillis(600)), disks);
        String volume = availableVolume();
        disks.volumeContents.put(volume, "before");

        SandboxHarness.Answer created = ec2.call("CreateSnapshot", "VolumeId", volume, "Description", "solr <snapshot> & more",
                "TagSpecification.1.ResourceType", "snapshot", "TagSpecification.1.Tag.1.Key", "mount_point",
                "TagSpecification.1.Tag.1.Value", "/mnt/solr").ok();
        disks.volumeContents.put(volume, "after");

        String id = created.text("/CreateSnapshotResponse/snapshotId");
        assertThat(id).matches("snap-[0-9a-f]{17}");
        assertThat(created.text("/CreateSnapshotResponse/status")).isEqualTo("pending");
        assertThat(created.text("/CreateSnapshotResponse/description")).isEqualTo("solr <snapshot> & more");
        assertThat(created.text("/CreateSnapshotResponse/volumeSize")).isEqualTo("2");
        assertThat(created.text("/CreateSnapshotResponse/tagSet/item/key")).isEqualTo("mount_point");
        assertThat(disks.snapshotContents).containsEntry(id, "before");
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.snapshotState(id).equals("completed"));
        assertThat(ec2.call("DescribeSnapshots", "SnapshotId.1", id).ok().text("//progress")).isEqualTo("100%");
    }

    @Test
    void pendingSnapshotReportsGrowingProgress() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withDelays(Duration.ZERO, Duration.ofSeconds(30)), disks);
        String volume = availableVolume();
        String id = ec2.call("CreateSnapshot", "VolumeId", volume).ok().text("//snapshotId");

        String progress = ec2.call("DescribeSnapshots", "SnapshotId.1", id).ok().text("//progress");

        assertThat(progress).matches("\\d{1,2}%");
        assertThat(ec2.snapshotState(id)).isEqualTo("pending");
    }

    @Test
    void volumeFromSnapshotHoldsTheSnapshotsImageAndIsAtLeastItsSize() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String volume = availableVolume();
        disks.volumeContents.put(volume, "data");
        String snapshot = ec2.call("CreateSnapshot", "VolumeId", volume).ok().text("//snapshotId");
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.snapshotState(snapshot).equals("completed"));

        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "SnapshotId", snapshot, "Size", "1").errorCode())
                .isEqualTo("InvalidParameterValue");
        SandboxHarness.Answer restored = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "SnapshotId", snapshot,
                "Size", "4", "VolumeType", "gp3").ok();

        String id = restored.text("//volumeId");
        assertThat(restored.text("//snapshotId")).isEqualTo(snapshot);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));
        assertThat(disks.volumeContents).containsEntry(id, "data");
        assertThat(disks.volumeImages).containsEntry(id, 4L << 30);
        SandboxHarness.Answer sized = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "SnapshotId", snapshot).ok();
        assertThat(sized.text("//size")).isEqualTo("2");
    }

    @Test
    void createSnapshotsLeavesOutTheBootVolumeAndExcludedVolumesAndCopiesTags() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String data = attachedVolume("/dev/sdf", "TagSpecification.1.ResourceType", "volume",
                "TagSpecification.1.Tag.1.Key", "role", "TagSpecification.1.Tag.1.Value", "solr");
        String excluded = attachedVolume("/dev/sdg");
        availableVolume();

        SandboxHarness.Answer answer = ec2.call("CreateSnapshots", "InstanceSpecification.InstanceId", INSTANCE,
                "InstanceSpecification.ExcludeBootVolume", "true",
                "InstanceSpecification.ExcludeDataVolumeId.1", excluded,
                "CopyTagsFromSource", "volume", "Description", "multi",
                "TagSpecification.1.ResourceType", "snapshot", "TagSpecification.1.Tag.1.Key", "created",
                "TagSpecification.1.Tag.1.Value", "now").ok();

        assertThat(answer.texts("//snapshotSet/item/volumeId")).containsExactly(data);
        assertThat(answer.text("//snapshotSet/item/state")).isEqualTo("pending");
        assertThat(answer.texts("//snapshotSet/item/tagSet/item/key")).containsExactly("role", "created");
        SandboxHarness.Answer withBoot = ec2.call("CreateSnapshots", "InstanceSpecification.InstanceId", INSTANCE).ok();
        assertThat(withBoot.texts("//snapshotSet/item/volumeId"))
                .containsExactly(ec2.sandbox.store().instance().rootVolumeId(), data, excluded);
        assertThat(ec2.call("CreateSnapshots", "InstanceSpecification.InstanceId", "i-0123456789abcdef0").errorCode())
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(ec2.call("CreateSnapshots").errorCode()).isEqualTo("MissingParameter");
    }

    @Test
    void describeSnapshotsShowsOnlyTheAccountsOwnAndFilters() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String volume = availableVolume();
        String tagged = ec2.call("CreateSnapshot", "VolumeId", volume, "TagSpecification.1.ResourceType", "snapshot",
                "TagSpecification.1.Tag.1.Key", "cluster", "TagSpecification.1.Tag.1.Value", "solr").ok().text("//snapshotId");
        ec2.call("CreateSnapshot", "VolumeId", volume).ok();

        assertThat(ec2.call("DescribeSnapshots", "Owner.1", "self").ok().texts("//snapshotSet/item")).hasSize(2);
        assertThat(ec2.call("DescribeSnapshots", "Owner.1", "amazon").ok().texts("//snapshotSet/item")).isEmpty();
        assertThat(ec2.call("DescribeSnapshots", "Owner.1", "self", "Filter.1.Name", "tag:cluster", "Filter.1.Value.1", "solr")
                .ok().texts("//snapshotSet/item/snapshotId")).containsExactly(tagged);
        assertThat(ec2.call("DescribeSnapshots", "Filter.1.Name", "volume-id", "Filter.1.Value.1", volume,
                "Filter.2.Name", "status", "Filter.2.Value.1", "pending", "Filter.2.Value.2", "completed").ok()
                .texts("//snapshotSet/item")).hasSize(2);
        assertThat(ec2.call("DescribeSnapshots", "SnapshotId.1", "snap-0123456789abcdef0").errorCode()).isEqualTo("InvalidSnapshot.NotFound");
    }

    @Test
    void deletedSnapshotAndItsImageAreGone() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String snapshot = ec2.call("CreateSnapshot", "VolumeId", availableVolume()).ok().text("//snapshotId");

        ec2.call("DeleteSnapshot", "SnapshotId", snapshot).ok();

        assertThat(ec2.call("DescribeSnapshots", "SnapshotId.1", snapshot).errorCode()).isEqualTo("InvalidSnapshot.NotFound");
        assertThat(ec2.call("DeleteSnapshot", "SnapshotId", snapshot).errorCode()).isEqualTo("InvalidSnapshot.NotFound");
        assertThat(disks.snapshotContents).doesNotContainKey(snapshot);
    }

    @Test
    void snapshotsPerVolumeAreRateLimited() {
        SandboxProperties.Faults oneAtATime = new SandboxProperties.Faults(null, null, 0, false, new SandboxProperties.Bucket(1, 0));
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withFaults(oneAtATime), disks);
        String volume = availableVolume();
        ec2.call("CreateSnapshot", "VolumeId", volume).ok();

        SandboxHarness.Answer second = ec2.call("CreateSnapshot", "VolumeId", volume);

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.errorCode()).isEqualTo("SnapshotCreationPerVolumeRateExceeded");
        ec2.call("CreateSnapshot", "VolumeId", availableVolume()).ok();
    }

    @Test
    void aVolumeIsSnapshottedAgainOnlyOnceEc2sWindowHasPassed() {
        Duration window = Duration.ofSeconds(2);
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withSnapshotIntervalPerVolume(window), disks);
        String volume = attachedVolume("/dev/sdf");
        String other = availableVolume();
        long first = System.nanoTime();
        ec2.call("CreateSnapshot", "VolumeId", volume).ok();

        SandboxHarness.Answer again = ec2.call("CreateSnapshot", "VolumeId", volume);
        SandboxHarness.Answer together = ec2.call("CreateSnapshots", "InstanceSpecification.InstanceId", INSTANCE,
                "InstanceSpecification.ExcludeBootVolume", "true");

        assertThat(System.nanoTime() - first).as("the refusals came within the window").isLessThan(window.toNanos());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("SnapshotCreationPerVolumeRateExceeded");
        assertThat(together.errorCode()).isEqualTo("SnapshotCreationPerVolumeRateExceeded");
        ec2.call("CreateSnapshot", "VolumeId", other).ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.call("CreateSnapshots", "InstanceSpecification.InstanceId", INSTANCE,
                "InstanceSpecification.ExcludeBootVolume", "true").status() == 200);
        assertThat(ec2.call("DescribeSnapshots", "Filter.1.Name", "volume-id", "Filter.1.Value.1", volume).ok()
                .texts("//snapshotSet/item")).hasSize(2);
    }

    @Test
    void theSandboxKeepsEc2sPaceByDefault() {
        assertThat(SandboxProperties.defaults(0).snapshotIntervalPerVolume()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void createSnapshotsExcludesAtMostFortyVolumes() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        attachedVolume("/dev/sdf");
        String[] params = new String[4 + 2 * 41];
        params[0] = "InstanceSpecification.InstanceId";
        params[1] = INSTANCE;
        params[2] = "InstanceSpecification.ExcludeBootVolume";
        params[3] = "true";
        for (int i = 1; i <= 41; i++) {
            params[2 + 2 * i] = "InstanceSpecification.ExcludeDataVolumeId." + i;
            params[3 + 2 * i] = String.format("vol-%017x", i);
        }

        SandboxHarness.Answer answer = ec2.call("CreateSnapshots", params);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("DescribeSnapshots").ok().texts("//snapshotSet/item")).isEmpty();
    }

    @Test
    void creatingVolumeCannotBeSnapshotted() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withDelays(Duration.ofSeconds(30), Duration.ZERO), disks);
        String volume = ec2.createVolume(1);

        assertThat(ec2.call("CreateSnapshot", "VolumeId", volume).errorCode()).isEqualTo("IncorrectState");
    }
}
