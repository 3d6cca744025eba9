package io.snaptastic.mount;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.FilesystemMount.Origin;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reattaches a volume an unmount kept ({@code prefer-retained}), in place of a restore: attach, check
 * and mount as a restored volume is, and only once it is mounted tag it retained=false, so that a crash
 * before leaves it retained and the reaper never deletes it. A volume that fails is never formatted or
 * deleted: it is detached normally and stays retained, and the mount of that volume fails rather than
 * restore an older snapshot in its place.
 */
class RetainedReattacher {

    private static final Logger log = LoggerFactory.getLogger(RetainedReattacher.class);

    private final Ec2 ec2;
    private final AttachedVolumeMounter volumes;
    private final Timeouts timeouts;

    RetainedReattacher(Ec2 ec2, AttachedVolumeMounter volumes, Timeouts timeouts) {
        this.ec2 = ec2;
        this.volumes = volumes;
        this.timeouts = timeouts;
    }

    VolumeOutcome reattach(SnapshotterContext context, VolumeSpec volume, RetainedVolumes.Kept kept, WorkflowListener listener) {
        RestoreProgress progress = new RestoreProgress(VolumeOutcome.start(volume).withVolumeId(kept.id()), listener);
        try {
            progress.step(VolumeStep.PRE_MOUNT_HOOK);
            context.snapshotter().hook(Hook.PRE_MOUNT, List.of(volume));
            progress.step(VolumeStep.ATTACH);
            ec2.attachVolume(kept.id(), context.instanceId(), volume.device());
            volumes.mount(context, volume, kept.id(), Origin.KEPT, progress);
            progress.warn("reattached " + kept.id() + ", kept by an unmount at " + kept.retainedAt()
                    + " (prefer-retained), instead of restoring a snapshot");
            release(kept.id(), progress);
            return volumes.finish(context, volume, progress);
        } catch (RuntimeException e) {
            VolumeStep reached = progress.current().step();
            log.warn("reattaching the retained {} at {} failed at {}", kept.id(), volume.mountPoint(), reached, e);
            String left = progress.isMounted() ? "; it stays mounted at " + volume.mountPoint() : detach(context, volume, kept.id(), reached);
            return progress.fail("the retained volume " + kept.id() + " (kept by an unmount at " + kept.retainedAt()
                    + ") could not be reattached: " + Failures.describe(e) + left + ". Repair it (attach it by hand and check "
                    + "its filesystem), or set snaptastic.snapshotters." + context.name()
                    + ".prefer-retained=false to restore the newest snapshot instead; it is never formatted or deleted here");
        }
    }

    /**
     * Tags the mounted volume retained=false. A failed tag call is a warning, never a reason to unmount:
     * the volume is in use, and still tagged retained it is kept, which loses nothing.
     */
    void release(String volumeId, RestoreProgress progress) {
        try {
            ec2.createTags(List.of(volumeId), ResourceTags.released());
        } catch (RuntimeException e) {
            log.warn("could not tag the reattached {} {}=false", volumeId, ResourceTags.RETAINED, e);
            progress.warn("tagging it " + ResourceTags.RETAINED + "=false failed, so it stays tagged retained: "
                    + Failures.describe(e));
        }
    }

    /** Detaches the unmounted volume normally, never by force: it stays tagged retained, for the operator. */
    private String detach(SnapshotterContext context, VolumeSpec volume, String volumeId, VolumeStep reached) {
        try {
            if (reached == VolumeStep.PRE_MOUNT_HOOK
                    || ec2.findVolume(volumeId).map(v -> v.attachments().isEmpty()).orElse(true)) {
                return "; it stays detached and tagged " + ResourceTags.RETAINED + "=true";
            }
            ec2.detachVolume(volumeId, context.instanceId(), volume.device(), false);
            ec2.awaitDetached(volumeId, timeouts.detached());
            return "; it is detached again and stays tagged " + ResourceTags.RETAINED + "=true";
        } catch (RuntimeException e) {
            log.error("could not detach the retained {} after a failed reattach", volumeId, e);
            return "; it stays attached at " + volume.device() + " (the detach failed) and tagged " + ResourceTags.RETAINED + "=true";
        }
    }
}
