package io.snaptastic.mount;

import io.snaptastic.ec2.NewVolume;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The CreateVolume request of a restore: size, type, encryption, tags and an idempotency token. */
final class NewVolumes {

    private NewVolumes() {}

    static NewVolume of(SnapshotterContext context, VolumeSpec volume, Snapshot snapshot, String operationId) {
        int size = snapshot == null ? volume.size() : Math.max(volume.size(), snapshot.volumeSizeGib());
        return new NewVolume(context.availabilityZone(), size, volume.type(), volume.iops(), volume.throughput(),
                volume.encrypted(), volume.encrypted() ? volume.kmsKeyId() : null, snapshot == null ? null : snapshot.id(),
                ResourceTags.forVolume(context, volume), clientToken(operationId, context.instanceId(), volume.device()));
    }

    /**
     * The same operation asking again for the same device gets the same token, so a retried or
     * resumed CreateVolume never makes a second volume; another operation gets a new one.
     */
    static String clientToken(String operationId, String instanceId, String device) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((operationId + "|" + instanceId + "|" + device).getBytes(StandardCharsets.UTF_8));
            return "snaptastic-" + HexFormat.of().formatHex(hash, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
