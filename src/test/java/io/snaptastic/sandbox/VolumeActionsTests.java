package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeActionsTests {

    @TempDir
    Path stateDir;

    FakeDisks disks = new FakeDisks();
    SandboxHarness ec2;

    @BeforeEach
    void start() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
    }

    @AfterEach
    void stop() {
        ec2.close();
    }

    @Test
    void createdVolumeIsCreatingThenAvailableWithItsSparseImage() {
        SandboxHarness.Answer created = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "20",
                "VolumeType", "gp3", "Encrypted", "true").ok();

        String id = created.text("/CreateVolumeResponse/volumeId");
        assertThat(id).matches("vol-[0-9a-f]{17}");
        assertThat(created.text("/CreateVolumeResponse/status")).isEqualTo("creating");
        assertThat(created.text("/CreateVolumeResponse/size")).isEqualTo("20");
        assertThat(created.text("/CreateVolumeResponse/iops")).isEqualTo("3000");
        assertThat(created.text("/CreateVolumeResponse/throughput")).isEqualTo("125");
        assertThat(created.text("/CreateVolumeResponse/encrypted")).isEqualTo("true");
        assertThat(created.text("/CreateVolumeResponse/kmsKeyId")).startsWith("arn:aws:kms:eu-west-1:");
        assertThat(created.body()).contains("xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));
        assertThat(disks.volumeImages).containsEntry(id, 20L << 30);
    }

    @Test
    void clientTokenMakesCreateVolumeIdempotent() {
        String first = ec2.createVolume(5, "ClientToken", "token-1");
        String again = ec2.createVolume(5, "ClientToken", "token-1");
        String other = ec2.createVolume(5, "ClientToken", "token-2");

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "6", "VolumeType", "gp3",
                "ClientToken", "token-1").errorCode()).isEqualTo("IdempotentParameterMismatch");
    }

    @Test
    void tagSpecificationsTagTheVolumeInTheCreateCall() {
        SandboxHarness.Answer created = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1",
                "TagSpecification.1.ResourceType", "volume",
                "TagSpecification.1.Tag.1.Key", "role", "TagSpecification.1.Tag.1.Value", "solr",
                "TagSpecification.1.Tag.2.Key", "mount_point", "TagSpecification.1.Tag.2.Value", "/mnt/solr").ok();

        assertThat(created.texts("//tagSet/item/key")).containsExactly("role", "mount_point");
        assertThat(created.texts("//tagSet/item/value")).containsExactly("solr", "/mnt/solr");
    }

    @Test
    void refusesBadCreateVolumeRequestsWithEc2Codes() {
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a").errorCode()).isEqualTo("MissingParameter");
        assertThat(ec2.call("CreateVolume", "Size", "1").errorCode()).isEqualTo("MissingParameter");
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "us-east-1a", "Size", "1").errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1", "VolumeType", "fast").errorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1", "VolumeType", "gp2", "Iops", "300").errorCode())
                .isEqualTo("InvalidParameterCombination");
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "10", "VolumeType", "io1").errorCode())
                .isEqualTo("MissingParameter");
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1", "SnapshotId", "snap-0123456789abcdef0").errorCode())
                .isEqualTo("InvalidSnapshot.NotFound");
        SandboxHarness.Answer badTag = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1",
                "TagSpecification.1.ResourceType", "snapshot", "TagSpecification.1.Tag.1.Key", "a");
        assertThat(badTag.status()).isEqualTo(400);
        assertThat(badTag.errorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void aVolumeWithADeniedKmsKeyIsSeenCreatingAndThenDisappearsAsOnEc2() {
        ec2.close();
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withFaults(
                SandboxProperties.Faults.NONE.withKmsDeniedKeyIds(List.of("alias/forbidden", "default"))), disks);

        SandboxHarness.Answer created = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1",
                "Encrypted", "true", "KmsKeyId", "alias/forbidden");
        String denied = created.ok().text("/CreateVolumeResponse/volumeId");
        String defaultKey = ec2.createVolume(1, "Encrypted", "true");
        String allowed = ec2.createVolume(1, "Encrypted", "true", "KmsKeyId", "alias/mine");
        String plain = ec2.createVolume(1);

        assertThat(ec2.volumeState(denied)).isEqualTo("creating");
        await().atMost(Duration.ofSeconds(10)).until(() -> ec2.call("DescribeVolumes", "VolumeId.1", denied).status() != 200);
        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", denied).errorCode()).isEqualTo("InvalidVolume.NotFound");
        await().atMost(Duration.ofSeconds(10)).until(() -> ec2.call("DescribeVolumes", "VolumeId.1", defaultKey).status() != 200);
        assertThat(ec2.volumeState(allowed)).isEqualTo("available");
        assertThat(ec2.volumeState(plain)).isEqualTo("available");
    }

    @Test
    void refusesIopsAndThroughputBeyondEc2sRatios() {
        SandboxHarness.Answer gp3 = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "10", "VolumeType", "gp3",
                "Iops", "6000");
        assertThat(gp3.errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(gp3.body()).contains("maximum is 500.000000");
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "20", "VolumeType", "io1", "Iops", "1001")
                .errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "4", "VolumeType", "io2", "Iops", "4001")
                .errorCode()).isEqualTo("InvalidParameterValue");
        SandboxHarness.Answer throughput = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "100",
                "VolumeType", "gp3", "Throughput", "751");
        assertThat(throughput.errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(throughput.body()).contains("0.250000 MiBps per iops");
        // gp3's baseline holds at any size; the ratios' edges are allowed.
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1", "VolumeType", "gp3", "Iops", "3000",
                "Throughput", "125").status()).isEqualTo(200);
        assertThat(ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "8", "VolumeType", "gp3", "Iops", "4000",
                "Throughput", "1000").status()).isEqualTo(200);
    }

    @Test
    void describeVolumesFiltersByTagsStatusAndWildcards() {
        String solr = ec2.createVolume(1, "TagSpecification.1.ResourceType", "volume",
                "TagSpecification.1.Tag.1.Key", "role", "TagSpecification.1.Tag.1.Value", "solr-leader");
        String pg = ec2.createVolume(1, "TagSpecification.1.ResourceType", "volume",
                "TagSpecification.1.Tag.1.Key", "role", "TagSpecification.1.Tag.1.Value", "postgres");
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(pg).equals("available"));

        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "tag:role", "Filter.1.Value.1", "solr*").ok()
                .texts("//volumeSet/item/volumeId")).containsExactly(solr);
        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "tag:role", "Filter.1.Value.1", "postgres",
                "Filter.1.Value.2", "solr-leader").ok().texts("//volumeSet/item/volumeId")).containsExactly(solr, pg);
        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "tag-key", "Filter.1.Value.1", "role",
                "Filter.2.Name", "volume-id", "Filter.2.Value.1", pg).ok().texts("//volumeSet/item/volumeId")).containsExactly(pg);
        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "attachment.device", "Filter.1.Value.1", "/dev/xvda").ok()
                .texts("//volumeSet/item/volumeId")).containsExactly(ec2.sandbox.store().instance().rootVolumeId());
        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "status", "Filter.1.Value.1", "available",
                "Filter.2.Name", "availability-zone", "Filter.2.Value.1", "eu-west-?a").ok()
                .texts("//volumeSet/item/volumeId")).containsExactlyInAnyOrder(solr, pg);
        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "colour", "Filter.1.Value.1", "red").errorCode())
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void multiAttachIsEnabledOnIo1AndIo2AndRefusedOnOtherTypes() {
        SandboxHarness.Answer io2 = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "10",
                "VolumeType", "io2", "Iops", "300", "MultiAttachEnabled", "true").ok();
        String id = io2.text("/CreateVolumeResponse/volumeId");
        String plain = ec2.createVolume(1, "MultiAttachEnabled", "false");

        assertThat(io2.text("/CreateVolumeResponse/multiAttachEnabled")).isEqualTo("true");
        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", id).ok().text("//volumeSet/item/multiAttachEnabled")).isEqualTo("true");
        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "multi-attach-enabled", "Filter.1.Value.1", "true").ok()
                .texts("//volumeSet/item/volumeId")).containsExactly(id);
        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", plain).ok().text("//volumeSet/item/multiAttachEnabled")).isEqualTo("false");
        for (String type : List.of("gp2", "gp3", "st1", "sc1", "standard")) {
            SandboxHarness.Answer refused = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "500",
                    "VolumeType", type, "MultiAttachEnabled", "true");
            assertThat(refused.status()).as(type).isEqualTo(400);
            assertThat(refused.errorCode()).as(type).isEqualTo("InvalidParameterDependency");
            assertThat(refused.text("/Response/Errors/Error/Message")).as(type).contains("MultiAttachEnabled");
        }
        assertThat(ec2.call("DescribeVolumes").ok().texts("//volumeSet/item/volumeId")).hasSize(3);
    }

    @Test
    void tagSpecificationWithoutTagsIsRefusedAndMakesNoVolume() {
        SandboxHarness.Answer refused = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1",
                "TagSpecification.1.ResourceType", "volume");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(refused.text("/Response/Errors/Error/Message")).isEqualTo("Tag specification must have at least one tag");
        assertThat(ec2.call("DescribeVolumes").ok().texts("//volumeSet/item/volumeId"))
                .containsExactly(ec2.sandbox.store().instance().rootVolumeId());
    }

    @Test
    void untaggedVolumeHasNoTagSetButAnEmptyAttachmentSet() {
        SandboxHarness.Answer created = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1").ok();
        String id = created.text("/CreateVolumeResponse/volumeId");
        SandboxHarness.Answer described = ec2.call("DescribeVolumes", "VolumeId.1", id).ok();

        assertThat(created.texts("/CreateVolumeResponse/tagSet")).isEmpty();
        assertThat(described.texts("//volumeSet/item/tagSet")).isEmpty();
        assertThat(described.texts("//volumeSet/item/attachmentSet")).hasSize(1);
    }

    @Test
    void twoFiltersOfOneNameMustBothMatch() {
        String both = ec2.createVolume(1, "TagSpecification.1.ResourceType", "volume",
                "TagSpecification.1.Tag.1.Key", "role", "TagSpecification.1.Tag.2.Key", "env");
        String roleOnly = ec2.createVolume(1, "TagSpecification.1.ResourceType", "volume", "TagSpecification.1.Tag.1.Key", "role");

        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "tag-key", "Filter.1.Value.1", "role",
                "Filter.2.Name", "tag-key", "Filter.2.Value.1", "env").ok().texts("//volumeSet/item/volumeId")).containsExactly(both);
        assertThat(ec2.call("DescribeVolumes", "Filter.1.Name", "tag-key", "Filter.1.Value.1", "role", "Filter.1.Value.2", "env")
                .ok().texts("//volumeSet/item/volumeId")).containsExactly(both, roleOnly);
    }

    @Test
    void describeVolumesPagesWithMaxResultsAndNextToken() {
        for (int i = 0; i < 6; i++) {
            ec2.createVolume(1);
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            SandboxHarness.Answer page = ec2.call("DescribeVolumes", "MaxResults", "5", "NextToken", token).ok();
            seen.addAll(page.texts("//volumeSet/item/volumeId"));
            token = page.text("/DescribeVolumesResponse/nextToken");
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isEqualTo(2);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(ec2.call("DescribeVolumes", "MaxResults", "4").errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("DescribeVolumes", "NextToken", "not-a-token").errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("DescribeVolumes", "MaxResults", "5", "VolumeId.1", seen.get(0)).errorCode())
                .isEqualTo("InvalidParameterCombination");
    }

    @Test
    void unknownVolumeIsNotFound() {
        SandboxHarness.Answer answer = ec2.call("DescribeVolumes", "VolumeId.1", "vol-0123456789abcdef0");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("InvalidVolume.NotFound");
        assertThat(answer.text("/Response/Errors/Error/Message")).contains("vol-0123456789abcdef0");
        assertThat(answer.text("/Response/RequestID")).isNotBlank();
    }

    @Test
    void deletedVolumeGoesThroughDeletingAndItsImageIsRemoved() {
        String id = ec2.createVolume(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));

        ec2.call("DeleteVolume", "VolumeId", id).ok();

        await().atMost(Duration.ofSeconds(5)).until(() -> "InvalidVolume.NotFound".equals(
                ec2.call("DescribeVolumes", "VolumeId.1", id).errorCode()));
        assertThat(disks.volumeImages).doesNotContainKey(id);
    }

    @Test
    void attachedVolumeCannotBeDeleted() {
        String root = ec2.sandbox.store().instance().rootVolumeId();

        assertThat(ec2.call("DeleteVolume", "VolumeId", root).errorCode()).isEqualTo("VolumeInUse");
    }
}
