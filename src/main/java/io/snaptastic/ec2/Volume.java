package io.snaptastic.ec2;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An EBS volume as DescribeVolumes shows it. */
public record Volume(
        String id,
        int sizeGib,
        String type,
        String state,
        String availabilityZone,
        String snapshotId,
        Instant createTime,
        List<Attachment> attachments,
        Map<String, String> tags) {

    public Volume {
        attachments = List.copyOf(attachments);
        tags = Map.copyOf(tags);
    }

    /** One attachment of a volume to an instance. */
    public record Attachment(String instanceId, String device, String state, boolean deleteOnTermination) {}
}
