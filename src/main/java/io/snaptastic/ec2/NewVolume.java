package io.snaptastic.ec2;

import java.util.Map;
import java.util.Objects;

/**
 * A CreateVolume request. {@code snapshotId} is null for an empty volume; {@code iops},
 * {@code throughput} and {@code kmsKeyId} are null when not set. {@code clientToken} makes the call
 * idempotent: a retry with the same token returns the first volume.
 */
public record NewVolume(
        String availabilityZone,
        int sizeGib,
        String type,
        Integer iops,
        Integer throughput,
        boolean encrypted,
        String kmsKeyId,
        String snapshotId,
        Map<String, String> tags,
        String clientToken) {

    public NewVolume {
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        Objects.requireNonNull(type, "type");
        tags = Map.copyOf(tags);
    }
}
