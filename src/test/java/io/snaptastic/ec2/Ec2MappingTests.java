package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.AttachmentStatus;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.model.VolumeType;

class Ec2MappingTests {

    private static final Instant T = Instant.parse("2026-11-29T10:15:30Z");

    @Test
    void mapsAVolumeWithItsAttachmentsAndTags() {
        software.amazon.awssdk.services.ec2.model.Volume sdk = software.amazon.awssdk.services.ec2.model.Volume.builder()
                .volumeId("vol-1")
                .size(20)
                .volumeType(VolumeType.GP3)
                .state(VolumeState.IN_USE)
                .availabilityZone("eu-west-1a")
                .snapshotId("snap-1")
                .createTime(T)
                .attachments(VolumeAttachment.builder()
                        .instanceId("i-1")
                        .device("/dev/sdf")
                        .state(VolumeAttachmentState.ATTACHED)
                        .deleteOnTermination(true)
                        .build())
                .tags(tag("role", "solr"), tag("mount_point", "/mnt/solr"))
                .build();

        assertThat(Ec2Mapping.volume(sdk)).isEqualTo(new Volume(
                "vol-1",
                20,
                "gp3",
                "in-use",
                "eu-west-1a",
                "snap-1",
                T,
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attached", true)),
                Map.of("role", "solr", "mount_point", "/mnt/solr")));
    }

    @Test
    void mapsTheEmptySnapshotIdOfANewVolumeToNull() {
        CreateVolumeResponse created = CreateVolumeResponse.builder()
                .volumeId("vol-2")
                .size(1)
                .volumeType(VolumeType.GP2)
                .state(VolumeState.CREATING)
                .availabilityZone("eu-west-1b")
                .snapshotId("")
                .createTime(T)
                .build();

        Volume volume = Ec2Mapping.volume(created);

        assertThat(volume.snapshotId()).isNull();
        assertThat(volume.state()).isEqualTo("creating");
        assertThat(volume.attachments()).isEmpty();
        assertThat(volume.tags()).isEmpty();
    }

    @Test
    void mapsSnapshotsFromDescribeAndFromCreateSnapshots() {
        software.amazon.awssdk.services.ec2.model.Snapshot described =
                software.amazon.awssdk.services.ec2.model.Snapshot.builder()
                        .snapshotId("snap-1")
                        .volumeId("vol-1")
                        .state(SnapshotState.PENDING)
                        .progress("42%")
                        .startTime(T)
                        .volumeSize(20)
                        .description("solr")
                        .tags(tag("cluster", "a"))
                        .build();
        SnapshotInfo info = SnapshotInfo.builder()
                .snapshotId("snap-1")
                .volumeId("vol-1")
                .state(SnapshotState.PENDING)
                .progress("42%")
                .startTime(T)
                .volumeSize(20)
                .description("solr")
                .tags(tag("cluster", "a"))
                .build();
        Snapshot expected = new Snapshot("snap-1", "vol-1", "pending", "42%", T, 20, "solr", Map.of("cluster", "a"));

        assertThat(Ec2Mapping.snapshot(described)).isEqualTo(expected);
        assertThat(Ec2Mapping.snapshot(info)).isEqualTo(expected);
    }

    @Test
    void mapsAnInstancesEbsBlockDevicesByDeviceName() {
        software.amazon.awssdk.services.ec2.model.Instance sdk = software.amazon.awssdk.services.ec2.model.Instance.builder()
                .instanceId("i-1")
                .placement(p -> p.availabilityZone("eu-west-1a"))
                .rootDeviceName("/dev/xvda")
                .blockDeviceMappings(
                        mapping("/dev/xvda", "vol-root", true),
                        mapping("/dev/sdf", "vol-data", false),
                        InstanceBlockDeviceMapping.builder().deviceName("/dev/sdb").build())
                .build();

        Instance instance = Ec2Mapping.instance(sdk);

        assertThat(instance.id()).isEqualTo("i-1");
        assertThat(instance.availabilityZone()).isEqualTo("eu-west-1a");
        assertThat(instance.rootDeviceName()).isEqualTo("/dev/xvda");
        assertThat(instance.blockDevices()).containsOnlyKeys("/dev/xvda", "/dev/sdf");
        assertThat(instance.at("/dev/sdf")).contains(new Instance.BlockDevice("vol-data", "attached", false));
        assertThat(instance.at("/dev/xvda")).contains(new Instance.BlockDevice("vol-root", "attached", true));
    }

    @Test
    void turnsFiltersAndTagsIntoRequestParts() {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("tag:role", List.of("solr-*"));
        filters.put("status", List.of("available", "in-use"));

        assertThat(Ec2Mapping.filters(filters)).containsExactly(
                Filter.builder().name("tag:role").values("solr-*").build(),
                Filter.builder().name("status").values("available", "in-use").build());
        assertThat(Ec2Mapping.tagSpecifications(ResourceType.VOLUME, Map.of("role", "solr")))
                .containsExactly(TagSpecification.builder()
                        .resourceType(ResourceType.VOLUME)
                        .tags(tag("role", "solr"))
                        .build());
        assertThat(Ec2Mapping.tagSpecifications(ResourceType.SNAPSHOT, Map.of())).isEmpty();
        assertThat(Ec2Mapping.tags(List.of(tag("a", "1"), Tag.builder().key("b").build())))
                .isEqualTo(Map.of("a", "1", "b", ""));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static InstanceBlockDeviceMapping mapping(String device, String volumeId, boolean deleteOnTermination) {
        return InstanceBlockDeviceMapping.builder()
                .deviceName(device)
                .ebs(e -> e.volumeId(volumeId).status(AttachmentStatus.ATTACHED).deleteOnTermination(deleteOnTermination))
                .build();
    }
}
