package io.snaptastic.snapshotter;

/**
 * What happened to one volume in an operation: the step it reached, its EC2 ids, and why it failed.
 *
 * @param status running, done, already-mounted, skipped, planned (dry run) or failed
 * @param freezeMillis how long its filesystem was frozen (snapshots only; null otherwise)
 * @param error what went wrong, for a person, or why the volume was skipped; null otherwise
 */
public record VolumeOutcome(
        String device,
        String mountPoint,
        String volumeId,
        String snapshotId,
        VolumeStep step,
        Status status,
        Long freezeMillis,
        String error) {

    /** The state of one volume's work. */
    public enum Status {
        RUNNING,
        DONE,
        ALREADY_MOUNTED,
        SKIPPED,
        PLANNED,
        FAILED
    }

    public static VolumeOutcome start(VolumeSpec volume) {
        return new VolumeOutcome(volume.device(), volume.mountPoint(), null, null, VolumeStep.PLANNED, Status.RUNNING, null, null);
    }

    public VolumeOutcome at(VolumeStep newStep) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, newStep, status, freezeMillis, error);
    }

    public VolumeOutcome withVolumeId(String id) {
        return new VolumeOutcome(device, mountPoint, id, snapshotId, step, status, freezeMillis, error);
    }

    public VolumeOutcome withSnapshotId(String id) {
        return new VolumeOutcome(device, mountPoint, volumeId, id, step, status, freezeMillis, error);
    }

    public VolumeOutcome withFreezeMillis(long millis) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, status, millis, error);
    }

    public VolumeOutcome finished(Status finalStatus) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, finalStatus, freezeMillis, error);
    }

    public VolumeOutcome failed(String why) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, Status.FAILED, freezeMillis, why);
    }

    /** Left alone on purpose, for the reason given. */
    public VolumeOutcome skipped(String why) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, Status.SKIPPED, freezeMillis, why);
    }

    public boolean isFailed() {
        return status == Status.FAILED;
    }
}
