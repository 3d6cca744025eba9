package io.snaptastic.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A sandbox EBS volume as stored. {@code attachment} is null while the volume is not attached;
 * {@code root} marks the instance's boot volume, which stands for the real root disk and has no loop device;
 * {@code multiAttachEnabled} is only ever true for io1 and io2, as EC2 allows, and never null.
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
        boolean root,
        Boolean multiAttachEnabled) {

    static final String CREATING = "creating";
    static final String AVAILABLE = "available";
    static final String IN_USE = "in-use";
    static final String DELETING = "deleting";
    static final String ERROR = "error";

    SandboxVolume {
        tags = Tags.copy(tags);
        // A state file written before multi-attach was modelled has no such field: such volumes had none.
        multiAttachEnabled = Boolean.TRUE.equals(multiAttachEnabled);
    }

    SandboxVolume withState(String newState) {
        return new SandboxVolume(id, size, type, iops, throughput, encrypted, kmsKeyId, snapshotId, availabilityZone,
                newState, createTime, tags, attachment, clientToken, root, multiAttachEnabled);
    }

    SandboxVolume withTags(Map<String, String> newTags) {
        return new SandboxVolume(id, size, type, iops, throughput, encrypted, kmsKeyId, snapshotId, availabilityZone,
                state, createTime, newTags, attachment, clientToken, root, multiAttachEnabled);
    }

    /** The volume with this attachment; {@code in-use} while attached, {@code available} without. */
    SandboxVolume withAttachment(SandboxAttachment newAttachment) {
        return new SandboxVolume(id, size, type, iops, throughput, encrypted, kmsKeyId, snapshotId, availabilityZone,
                newAttachment == null ? AVAILABLE : IN_USE, createTime, tags, newAttachment, clientToken, root, multiAttachEnabled);
    }
}
