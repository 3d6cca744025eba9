package io.snaptastic.mount;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.FilesystemMount.Origin;
import io.snaptastic.host.FormatAndMount;
import io.snaptastic.host.Mounter;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores one volume: creates it (from its snapshot, or empty) and attaches it; the host's safe
 * format-and-mount does the rest ({@link AttachedVolumeMounter}). What fails is cleaned up only where
 * no data can be lost: an empty volume this operation made is unmounted, detached and deleted; one
 * restored from a snapshot is kept (see {@link RestoreCleanup}).
 */
class VolumeRestorer {

    private static final Logger log = LoggerFactory.getLogger(VolumeRestorer.class);

    /** The steps at which a restored volume's own data has been read: from here on it is kept. */
    private static final Set<VolumeStep> DATA_READ = EnumSet.of(VolumeStep.CHECK_FILESYSTEM, VolumeStep.MOUNT);

    private final Ec2 ec2;
    private final AttachedVolumeMounter volumes;
    private final Timeouts timeouts;
    private final RestoreCleanup cleanup;
    private final RetainedReattacher reattacher;

    VolumeRestorer(Ec2 ec2, FormatAndMount formatAndMount, Mounter mounter, DeviceAwaiter devices, Timeouts timeouts) {
        this.ec2 = ec2;
        this.timeouts = timeouts;
        this.volumes = new AttachedVolumeMounter(ec2, formatAndMount, devices, timeouts);
        this.cleanup = new RestoreCleanup(ec2, mounter, timeouts);
        this.reattacher = new RetainedReattacher(ec2, volumes, timeouts);
    }

    /** Reattaches a volume an unmount kept, in place of a restore (prefer-retained). */
    VolumeOutcome reattach(SnapshotterContext context, VolumeSpec volume, RetainedVolumes.Kept kept, WorkflowListener listener) {
        return reattacher.reattach(context, volume, kept, listener);
    }

    /** Runs the whole chain for a volume that is not attached yet. */
    VolumeOutcome restore(SnapshotterContext context, VolumeSpec volume, Snapshot snapshot, String operationId,
            WorkflowListener listener) {
        RestoreProgress progress = new RestoreProgress(VolumeOutcome.start(volume)
                .withSnapshotId(snapshot == null ? null : snapshot.id()), listener);
        boolean restored = snapshot != null;
        try {
            progress.step(VolumeStep.PRE_MOUNT_HOOK);
            context.snapshotter().hook(Hook.PRE_MOUNT, List.of(volume));
            progress.step(VolumeStep.CREATE_VOLUME);
            Volume created = ec2.createVolume(NewVolumes.of(context, volume, snapshot, operationId));
            progress.volumeId(created.id());
            progress.step(VolumeStep.AWAIT_AVAILABLE);
            awaitAvailable(volume, created.id());
            progress.step(VolumeStep.ATTACH);
            ec2.attachVolume(created.id(), context.instanceId(), volume.device());
            volumes.mount(context, volume, created.id(), restored ? Origin.SNAPSHOT : Origin.EMPTY, progress);
            return volumes.finish(context, volume, progress);
        } catch (RuntimeException e) {
            VolumeOutcome reached = progress.current();
            log.warn("restoring {} on {} failed at {}", volume.device(), volume.mountPoint(), reached.step(), e);
            String left = reached.volumeId() == null ? "" : leftBehind(context, volume, reached, restored, progress);
            return progress.fail(Failures.describe(e) + left);
        }
    }

    /**
     * Continues with a volume already attached at the device (a crash or a failed mount before):
     * no new volume is created, and an empty one is formatted only if blkid finds nothing on it.
     * Nothing is deleted here, as the volume may hold data from before this operation, but a managed
     * volume whose attachment never completed.
     */
    VolumeOutcome resume(SnapshotterContext context, VolumeSpec volume, Volume attached, WorkflowListener listener) {
        RestoreProgress progress = new RestoreProgress(VolumeOutcome.start(volume).withVolumeId(attached.id())
                .withSnapshotId(attached.snapshotId()), listener);
        // A retained volume holds data whatever it was made from (a reattach cut short): never formatted.
        boolean restored = attached.snapshotId() != null || ResourceTags.isRetained(attached.tags());
        try {
            progress.step(VolumeStep.PRE_MOUNT_HOOK);
            context.snapshotter().hook(Hook.PRE_MOUNT, List.of(volume));
            volumes.mount(context, volume, attached.id(), restored ? Origin.SNAPSHOT : Origin.EMPTY, progress);
            // A retained tag from an earlier failed mount stays (the reaper only looks at detached volumes);
            // one from an unmount belongs to a reattach cut short, which this finishes.
            if (ResourceTags.retainedReason(attached.tags()).filter(RetainedReason.UNMOUNT::equals).isPresent()) {
                reattacher.release(attached.id(), progress);
            }
            return volumes.finish(context, volume, progress);
        } catch (RuntimeException e) {
            VolumeOutcome reached = progress.current();
            log.warn("mounting attached {} on {} failed at {}", attached.id(), volume.mountPoint(), reached.step(), e);
            String left = progress.isMounted()
                    ? "; the volume stays mounted at " + volume.mountPoint()
                    : restored && DATA_READ.contains(reached.step())
                            ? cleanup.retain(attached.id())
                            : stuckAndOurs(e, attached) ? removeStuck(context, volume, attached.id()) : "";
            return progress.fail(Failures.describe(e) + left);
        }
    }

    /**
     * An attachment that never completed showed no device, so nothing on the volume was ever mounted
     * or written here: a managed one is removed as a fresh mount's would be (issue 15), so that the
     * next mount makes a new volume instead of waiting for this one again. Never a retained one: a kept
     * volume whose reattach got stuck still holds the data it was kept for.
     */
    private static boolean stuckAndOurs(RuntimeException e, Volume attached) {
        return e instanceof Ec2Exception.AttachmentStuck && ResourceTags.isManaged(attached.tags())
                && !ResourceTags.isRetained(attached.tags());
    }

    private String removeStuck(SnapshotterContext context, VolumeSpec volume, String volumeId) {
        return cleanup.deleteUnmounted(context, volume, volumeId)
                + "; the volume never finished attaching, so it is removed (the reaper retries a removal that fails)";
    }

    /**
     * After a failure: a mounted restored volume stays mounted (its data is in use, perhaps already
     * written to); a restored one whose check or mount failed is kept; an empty one is undone.
     */
    private String leftBehind(SnapshotterContext context, VolumeSpec volume, VolumeOutcome reached, boolean restored,
            RestoreProgress progress) {
        progress.tell(reached.at(VolumeStep.CLEAN_UP));
        if (progress.isMounted()) {
            return restored
                    ? "; the volume stays mounted at " + volume.mountPoint() + ", as it holds restored data"
                    : cleanup.undoMounted(context, volume, reached.volumeId());
        }
        if (restored && DATA_READ.contains(reached.step())) {
            return cleanup.retain(reached.volumeId());
        }
        return cleanup.deleteUnmounted(context, volume, reached.volumeId());
    }

    private void awaitAvailable(VolumeSpec volume, String volumeId) {
        try {
            ec2.awaitVolumeAvailable(volumeId, timeouts.volumeAvailable());
        } catch (Ec2Exception.Vanished e) {
            throw volume.encrypted() ? new UnusableKmsKeyException(volume, e) : e;
        }
    }
}
