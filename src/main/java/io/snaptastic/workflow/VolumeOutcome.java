package io.snaptastic.workflow;

import io.snaptastic.snapshotter.VolumeSpec;

/**
 * What happened to one volume in an operation: the step it reached, its EC2 ids, and why it failed.
 *
 * @param status running, done, already-mounted, skipped, planned (dry run) or failed
 * @param freezeMillis how long its filesystem was frozen (snapshots only; null otherwise)
 * @param error what went wrong, for a person, or why the volume was skipped; null otherwise
 * @param warning what went differently than asked, or did not work, although the volume is done (an older
 *     snapshot restored, tags a made snapshot lacks, a filesystem left at its snapshot's size); null when nothing
 */
public record VolumeOutcome(
        String device,
        String mountPoint,
        String volumeId,
        String snapshotId,
        VolumeStep step,
        Status status,
        Long freezeMillis,
        String error,
        String warning) {

    /** The state of one volume's work. */
    public enum Status {
        RUNNING,
        DONE,
        ALREADY_MOUNTED,
        SKIPPED,
        PLANNED,
        FAILED
    }

    public VolumeOutcome(String device, String mountPoint, String volumeId, String snapshotId, VolumeStep step, Status status,
            Long freezeMillis, String error) {
        this(device, mountPoint, volumeId, snapshotId, step, status, freezeMillis, error, null);
    }

    public static VolumeOutcome start(VolumeSpec volume) {
        return new VolumeOutcome(volume.device(), volume.mountPoint(), null, null, VolumeStep.PLANNED, Status.RUNNING, null, null, null);
    }

    public VolumeOutcome at(VolumeStep newStep) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, newStep, status, freezeMillis, error, warning);
    }

    public VolumeOutcome withVolumeId(String id) {
        return new VolumeOutcome(device, mountPoint, id, snapshotId, step, status, freezeMillis, error, warning);
    }

    public VolumeOutcome withSnapshotId(String id) {
        return new VolumeOutcome(device, mountPoint, volumeId, id, step, status, freezeMillis, error, warning);
    }

    public VolumeOutcome withFreezeMillis(long millis) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, status, millis, error, warning);
    }

    public VolumeOutcome finished(Status finalStatus) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, finalStatus, freezeMillis, error, warning);
    }

    public VolumeOutcome failed(String why) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, Status.FAILED, freezeMillis, why, warning);
    }

    /** Adds a warning; one given before is kept, the two joined. */
    public VolumeOutcome withWarning(String newWarning) {
        String joined = warning == null || warning.equals(newWarning) ? newWarning : warning + "; " + newWarning;
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, status, freezeMillis, error, joined);
    }

    /** Left alone on purpose, for the reason given. */
    public VolumeOutcome skipped(String why) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, Status.SKIPPED, freezeMillis, why, warning);
    }

    public boolean isFailed() {
        return status == Status.FAILED;
    }
}
