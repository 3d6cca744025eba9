package io.snaptastic.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an operation did to one volume so far. Services replace it as they go, so a client polling the
 * operation sees the step each volume has reached.
 *
 * <p>It is the API's and the journal's form of the workflows' {@code workflow.VolumeOutcome}
 * (mapped in {@link Workflows}): steps and statuses as plain strings, so a journal written by an
 * older or newer agent, with steps this one does not know, still reads.
 *
 * @param device the device the volume is attached at, such as {@code /dev/sdf}
 * @param mountPoint where it is (or was) mounted
 * @param volumeId the EBS volume, once known
 * @param snapshotId the snapshot restored from or made, once known
 * @param step the last step reached, named by the service (such as {@code attach} or {@code create-snapshot})
 * @param status running, done, already-mounted, skipped, planned or failed
 * @param freezeMillis how long the filesystem was frozen, for snapshots
 * @param error why this volume failed or was skipped, when it was
 * @param warning what went differently than asked, or did not work, although the volume is done (an older
 *     snapshot restored, tags a made snapshot lacks, a filesystem that could not grow)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What an operation did to one volume so far")
public record VolumeResult(
        @Schema(description = "The device the volume is attached at", example = "/dev/sdf") String device,
        @Schema(description = "Where it is (or was) mounted", example = "/mnt/solr") String mountPoint,
        @Schema(description = "The EBS volume, once known", example = "vol-0a1b2c3d4e5f60718") String volumeId,
        @Schema(description = "The snapshot restored from or made, once known", example = "snap-0a1b2c3d4e5f60718")
        String snapshotId,
        @Schema(description = "The last step reached, named by the workflow", example = "mounted") String step,
        @Schema(description = "running, done, already-mounted, skipped, planned or failed", example = "done")
        String status,
        @Schema(description = "How long the filesystem was frozen, for snapshots", example = "84") Long freezeMillis,
        @Schema(description = "Why this volume failed or was skipped, when it was") String error,
        @Schema(description = "What went differently than asked, or did not work, although the volume is done: an "
                + "older snapshot restored because the newest was still pending, tags a made snapshot lacks, a filesystem "
                + "that could not grow") String warning) {

    /** A result without a warning; journals written before warnings existed read as these. */
    public VolumeResult(String device, String mountPoint, String volumeId, String snapshotId, String step, String status,
            Long freezeMillis, String error) {
        this(device, mountPoint, volumeId, snapshotId, step, status, freezeMillis, error, null);
    }

    public static VolumeResult of(String device, String mountPoint) {
        return new VolumeResult(device, mountPoint, null, null, null, null, null, null, null);
    }

    public VolumeResult withStep(String newStep) {
        return new VolumeResult(device, mountPoint, volumeId, snapshotId, newStep, status, freezeMillis, error, warning);
    }

    public VolumeResult withVolumeId(String newVolumeId) {
        return new VolumeResult(device, mountPoint, newVolumeId, snapshotId, step, status, freezeMillis, error, warning);
    }

    public VolumeResult withSnapshotId(String newSnapshotId) {
        return new VolumeResult(device, mountPoint, volumeId, newSnapshotId, step, status, freezeMillis, error, warning);
    }

    public VolumeResult withFreezeMillis(long millis) {
        return new VolumeResult(device, mountPoint, volumeId, snapshotId, step, status, millis, error, warning);
    }

    public VolumeResult withError(String newError) {
        return new VolumeResult(device, mountPoint, volumeId, snapshotId, step, status, freezeMillis, newError, warning);
    }
}
