package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagActionsTests {

    @TempDir
    Path stateDir;

    SandboxHarness ec2;

    @BeforeEach
    void start() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks());
    }

    @AfterEach
    void stop() {
        ec2.close();
    }

    @Test
    void createTagsTagsEveryResourceAndDescribeTagsFindsThem() {
        String volume = ec2.createVolume(1);
        String instance = ec2.sandbox.store().instance().id();

        ec2.call("CreateTags", "ResourceId.1", volume, "ResourceId.2", instance,
                "Tag.1.Key", "role", "Tag.1.Value", "solr", "Tag.2.Key", "empty").ok();

        SandboxHarness.Answer tags = ec2.call("DescribeTags", "Filter.1.Name", "key", "Filter.1.Value.1", "role").ok();
        assertThat(tags.texts("//tagSet/item/resourceId")).containsExactlyInAnyOrder(volume, instance);
        assertThat(tags.texts("//tagSet/item/resourceType")).containsExactlyInAnyOrder("volume", "instance");
        assertThat(ec2.call("DescribeTags", "Filter.1.Name", "resource-id", "Filter.1.Value.1", volume,
                "Filter.2.Name", "key", "Filter.2.Value.1", "empty").ok().text("//tagSet/item/value")).isEmpty();
        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", volume).ok().texts("//tagSet/item/key")).containsExactly("role", "empty");
    }

    @Test
    void deleteTagsRemovesByKeyOrOnlyWhenTheValueMatches() {
        String volume = ec2.createVolume(1, "TagSpecification.1.ResourceType", "volume",
                "TagSpecification.1.Tag.1.Key", "a", "TagSpecification.1.Tag.1.Value", "1",
                "TagSpecification.1.Tag.2.Key", "b", "TagSpecification.1.Tag.2.Value", "2",
                "TagSpecification.1.Tag.3.Key", "c", "TagSpecification.1.Tag.3.Value", "3");

        ec2.call("DeleteTags", "ResourceId.1", volume, "Tag.1.Key", "a", "Tag.2.Key", "b", "Tag.2.Value", "not-2").ok();

        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", volume).ok().texts("//tagSet/item/key")).containsExactly("b", "c");
        ec2.call("DeleteTags", "ResourceId.1", volume).ok();
        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", volume).ok().texts("//tagSet/item/key")).isEmpty();
    }

    @Test
    void refusesUnknownResourcesAndReservedKeysWithoutTaggingAny() {
        String volume = ec2.createVolume(1);

        assertThat(ec2.call("CreateTags", "ResourceId.1", volume, "ResourceId.2", "vol-0123456789abcdef0", "Tag.1.Key", "k").errorCode())
                .isEqualTo("InvalidVolume.NotFound");
        assertThat(ec2.call("CreateTags", "ResourceId.1", "snap-0123456789abcdef0", "Tag.1.Key", "k").errorCode())
                .isEqualTo("InvalidSnapshot.NotFound");
        assertThat(ec2.call("CreateTags", "ResourceId.1", "ami-1", "Tag.1.Key", "k").errorCode()).isEqualTo("InvalidID");
        assertThat(ec2.call("CreateTags", "ResourceId.1", volume, "Tag.1.Key", "aws:owner").errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("CreateTags", "Tag.1.Key", "k").errorCode()).isEqualTo("MissingParameter");
        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", volume).ok().texts("//tagSet/item")).isEmpty();
    }

    @Test
    void resourcesWithoutTagsAreAnsweredWithoutATagSet() {
        String volume = ec2.createVolume(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(volume).equals("available"));
        String snapshot = ec2.call("CreateSnapshot", "VolumeId", volume).ok().text("//snapshotId");
        ec2.call("DeleteTags", "ResourceId.1", ec2.sandbox.store().instance().id()).ok();

        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", volume).ok().texts("//tagSet")).isEmpty();
        assertThat(ec2.call("DescribeSnapshots", "SnapshotId.1", snapshot).ok().texts("//tagSet")).isEmpty();
        assertThat(ec2.call("DescribeInstances").ok().texts("//tagSet")).isEmpty();
        ec2.call("CreateTags", "ResourceId.1", snapshot, "Tag.1.Key", "role").ok();
        assertThat(ec2.call("DescribeSnapshots", "SnapshotId.1", snapshot).ok().texts("//tagSet/item/key")).containsExactly("role");
    }

    @Test
    void tagSpecificationWithoutTagsIsRefusedForSnapshotsToo() {
        String volume = ec2.createVolume(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(volume).equals("available"));

        SandboxHarness.Answer refused = ec2.call("CreateSnapshot", "VolumeId", volume, "TagSpecification.1.ResourceType", "snapshot");

        assertThat(refused.errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("DescribeSnapshots").ok().texts("//snapshotSet/item")).isEmpty();
    }
}
