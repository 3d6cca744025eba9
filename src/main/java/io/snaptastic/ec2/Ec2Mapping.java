package io.snaptastic.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMappingSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/** Converts between the SDK's model objects and the port's records, in both directions. */
final class Ec2Mapping {

    private Ec2Mapping() {}

    static Volume volume(software.amazon.awssdk.services.ec2.model.Volume v) {
        return new Volume(
                v.volumeId(),
                intOrZero(v.size()),
                v.volumeTypeAsString(),
                v.stateAsString(),
                v.availabilityZone(),
                emptyToNull(v.snapshotId()),
                v.createTime(),
                v.attachments().stream().map(Ec2Mapping::attachment).toList(),
                tags(v.tags()));
    }

    static Volume volume(CreateVolumeResponse v) {
        return new Volume(
                v.volumeId(),
                intOrZero(v.size()),
                v.volumeTypeAsString(),
                v.stateAsString(),
                v.availabilityZone(),
                emptyToNull(v.snapshotId()),
                v.createTime(),
                v.attachments().stream().map(Ec2Mapping::attachment).toList(),
                tags(v.tags()));
    }

    static Volume.Attachment attachment(VolumeAttachment a) {
        return new Volume.Attachment(a.instanceId(), a.device(), a.stateAsString(), Boolean.TRUE.equals(a.deleteOnTermination()));
    }

    static Snapshot snapshot(software.amazon.awssdk.services.ec2.model.Snapshot s) {
        return new Snapshot(
                s.snapshotId(),
                s.volumeId(),
                s.stateAsString(),
                s.progress(),
                s.startTime(),
                intOrZero(s.volumeSize()),
                s.description(),
                tags(s.tags()));
    }

    static Snapshot snapshot(CreateSnapshotResponse s) {
        return new Snapshot(
                s.snapshotId(),
                s.volumeId(),
                s.stateAsString(),
                s.progress(),
                s.startTime(),
                intOrZero(s.volumeSize()),
                s.description(),
                tags(s.tags()));
    }

    static Snapshot snapshot(SnapshotInfo s) {
        return new Snapshot(
                s.snapshotId(),
                s.volumeId(),
                s.stateAsString(),
                s.progress(),
                s.startTime(),
                intOrZero(s.volumeSize()),
                s.description(),
                tags(s.tags()));
    }

    static Instance instance(software.amazon.awssdk.services.ec2.model.Instance i) {
        Map<String, Instance.BlockDevice> devices = new LinkedHashMap<>();
        for (InstanceBlockDeviceMapping mapping : i.blockDeviceMappings()) {
            EbsInstanceBlockDevice ebs = mapping.ebs();
            if (ebs != null) {
                devices.put(
                        mapping.deviceName(),
                        new Instance.BlockDevice(
                                ebs.volumeId(), ebs.statusAsString(), Boolean.TRUE.equals(ebs.deleteOnTermination())));
            }
        }
        String zone = i.placement() == null ? null : i.placement().availabilityZone();
        return new Instance(i.instanceId(), zone, i.rootDeviceName(), devices);
    }

    /** EC2's tag list as a map; EC2 never repeats a key on one resource. */
    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags) {
            map.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        return map;
    }

    static List<Tag> tagList(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((key, value) -> list.add(Tag.builder().key(key).value(value).build()));
        return list;
    }

    /** Tags set in the create call itself, so a resource never exists untagged; none when there are no tags. */
    static List<TagSpecification> tagSpecifications(ResourceType type, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        return List.of(TagSpecification.builder().resourceType(type).tags(tagList(tags)).build());
    }

    static CreateVolumeRequest createVolumeRequest(NewVolume volume) {
        CreateVolumeRequest.Builder create = CreateVolumeRequest.builder()
                .availabilityZone(volume.availabilityZone())
                .size(volume.sizeGib())
                .volumeType(volume.type())
                .encrypted(volume.encrypted())
                .snapshotId(volume.snapshotId())
                .clientToken(volume.clientToken())
                .tagSpecifications(tagSpecifications(ResourceType.VOLUME, volume.tags()));
        // Left out when unset: EC2 rejects Iops for gp2/st1/sc1/standard and Throughput for all but gp3.
        if (volume.iops() != null) {
            create.iops(volume.iops());
        }
        if (volume.throughput() != null) {
            create.throughput(volume.throughput());
        }
        if (volume.encrypted() && volume.kmsKeyId() != null) {
            create.kmsKeyId(volume.kmsKeyId());
        }
        return create.build();
    }

    /** One block device's DeleteOnTermination flag, as ModifyInstanceAttribute takes it. */
    static InstanceBlockDeviceMappingSpecification deleteOnTermination(String device, boolean deleteOnTermination) {
        return deleteOnTermination(device, null, deleteOnTermination);
    }

    static InstanceBlockDeviceMappingSpecification deleteOnTermination(
            String device, String volumeId, boolean deleteOnTermination) {
        // The volume id too, so EC2 refuses the change if the name now maps another volume.
        return InstanceBlockDeviceMappingSpecification.builder()
                .deviceName(device)
                .ebs(e -> e.volumeId(volumeId).deleteOnTermination(deleteOnTermination))
                .build();
    }

    /** Tags given by key alone, which DeleteTags deletes whatever their value. */
    static List<Tag> tagKeys(Collection<String> keys) {
        return keys.stream().map(key -> Tag.builder().key(key).build()).toList();
    }

    static List<Filter> filters(Map<String, List<String>> filters) {
        List<Filter> list = new ArrayList<>();
        filters.forEach((name, values) -> list.add(Filter.builder().name(name).values(values).build()));
        return list;
    }

    private static int intOrZero(Integer value) {
        return value == null ? 0 : value;
    }

    // EC2 answers an empty SnapshotId for a volume that was not created from a snapshot.
    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
