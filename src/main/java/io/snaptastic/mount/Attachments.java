package io.snaptastic.mount;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Volume;
import io.snaptastic.snapshotter.DeviceNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The volumes attached to this instance, found by device letter (EC2 treats /dev/sdf and /dev/xvdf alike). */
public record Attachments(String instanceId, List<Volume> volumes) {

    public static Attachments of(Ec2 ec2, String instanceId) {
        return new Attachments(instanceId, ec2.describeVolumes(Map.of("attachment.instance-id", List.of(instanceId))));
    }

    public Optional<Volume> at(String device) {
        return volumes.stream()
                .filter(v -> v.attachments().stream()
                        .anyMatch(a -> instanceId.equals(a.instanceId()) && DeviceNames.sameAttachmentPoint(a.device(), device)))
                .findFirst();
    }
}
