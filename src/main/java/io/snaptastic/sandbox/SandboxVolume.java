package io.snaptastic.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A sandbox EBS volume as stored. {@code attachment} is null while the volume is not attached;
 * {@code root} marks the instance's boot volume, which stands for the real root disk and has no loop device.
 */
record SandboxVolume(
        String id,
        int size,
        String type,
        Integer iops,
        Integer throughput,
        boolean encrypted,
        String kmsKeyId,
        String snapshotId,
        String availabilityZone,
        String state,
        Instant createTime,
        Map<String, String> tags,
        SandboxAttachment attachment,
        String clientToken,
        boolean root) {

    static final String CREATING = "creating";
    static final String AVAILABLE = "available";
    static final String IN_USE = "in-use";
    static final String DELETING = "deleting";
    static final String ERROR = "error";

    SandboxVolume {
        tags = Tags.copy(tags);
    }

    SandboxVolume withState(String newState) {
        return new SandboxVolume(id, size, type, iops, throughput, encrypted, kmsKeyId, snapshotId, availabilityZone,
                newState, createTime, tags, attachment, clientToken, root);
    }

    SandboxVolume withTags(Map<String, String> newTags) {
        return new SandboxVolume(id, size, type, iops, throughput, encrypted, kmsKeyId, snapshotId, availabilityZone,
                state, createTime, newTags, attachment, clientToken, root);
    }

    /** The volume with this attachment; {@code in-use} while attached, {@code available} without. */
    SandboxVolume withAttachment(SandboxAttachment newAttachment) {
        return new SandboxVolume(id, size, type, iops, throughput, encrypted, kmsKeyId, snapshotId, availabilityZone,
                newAttachment == null ? AVAILABLE : IN_USE, createTime, tags, newAttachment, clientToken, root);
    }
}
