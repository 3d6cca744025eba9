package io.snaptastic.mount;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.host.HostException.MountBusyException;
import io.snaptastic.host.Mounter;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.VolumeSpec;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed restore leaves behind: a volume that may hold data is kept and tagged retained; an
 * empty one this operation made is unmounted, detached and deleted, in that order, never force-detached
 * while mounted. Each method answers the sentence to add to the volume's error.
 */
class RestoreCleanup {

    private static final Logger log = LoggerFactory.getLogger(RestoreCleanup.class);

    private final Ec2 ec2;
    private final Mounter mounter;
    private final Timeouts timeouts;

    RestoreCleanup(Ec2 ec2, Mounter mounter, Timeouts timeouts) {
        this.ec2 = ec2;
        this.mounter = mounter;
        this.timeouts = timeouts;
    }

    /**
     * Keeps a volume restored from a snapshot whose check or mount failed: attached, unmounted, and
     * tagged so that the reaper leaves it once detached. A repaired volume mounts on the next try.
     */
    String retain(String volumeId) {
        try {
            ec2.createTags(List.of(volumeId), ResourceTags.retained(RetainedReason.FAILED_RESTORE, Instant.now()));
            return "; the volume is kept attached and tagged " + ResourceTags.RETAINED + "=true, as it may hold the only copy of its data";
        } catch (RuntimeException e) {
            log.error("could not tag {} as retained; it stays attached", volumeId, e);
            return "; the volume is kept attached (tagging it " + ResourceTags.RETAINED + " failed)";
        }
    }

    /**
     * Undoes an empty volume this operation made and mounted: unmount first; when that fails (busy),
     * the volume stays attached and mounted, since a detach would pull the disk from under the
     * filesystem.
     */
    String undoMounted(SnapshotterContext context, VolumeSpec volume, String volumeId) {
        try {
            mounter.unmount(volume.mountPoint(), false);
        } catch (MountBusyException e) {
            log.warn("left {} mounted at {}: {}", volumeId, volume.mountPoint(), e.getMessage());
            return "; " + volume.mountPoint() + " could not be unmounted (busy), so the volume stays attached and mounted";
        } catch (RuntimeException e) {
            log.error("could not unmount {}; {} stays attached and mounted", volume.mountPoint(), volumeId, e);
            return "; " + volume.mountPoint() + " could not be unmounted, so the volume stays attached and mounted";
        }
        return deleteUnmounted(context, volume, volumeId);
    }

    /** Detaches and deletes an empty volume this operation made that is not mounted. */
    String deleteUnmounted(SnapshotterContext context, VolumeSpec volume, String volumeId) {
        try {
            ec2.findVolume(volumeId).ifPresent(found -> {
                if (!found.attachments().isEmpty()) {
                    detach(context, volume, volumeId);
                } else if (!"available".equals(found.state())) {
                    ec2.awaitVolumeAvailable(volumeId, timeouts.volumeAvailable());
                }
                ec2.deleteVolume(volumeId);
            });
            return "";
        } catch (RuntimeException e) {
            log.error("could not clean up volume {} after a failed mount; the reaper will retry", volumeId, e);
            return "";
        }
    }

    /**
     * A normal detach first; Force only once that was refused (IncorrectState: the sandbox refuses a
     * normal detach of a volume stuck "attaching") or did not finish in time, and only here, where
     * nothing is mounted. The DetachVolume API reference: Force is for "if the previous detachment
     * attempt did not occur cleanly (… unmounting the volume, and detaching normally)", "a last
     * resort", and "can lead to data loss or a corrupted file system".
     */
    private void detach(SnapshotterContext context, VolumeSpec volume, String volumeId) {
        try {
            ec2.detachVolume(volumeId, context.instanceId(), volume.device(), false);
            ec2.awaitDetached(volumeId, timeouts.detached());
        } catch (Ec2Exception.Conflict | Ec2Exception.WaitFailed e) {
            log.warn("{} did not detach normally ({}); forcing the detach", volumeId, e.getMessage());
            ec2.detachVolume(volumeId, context.instanceId(), volume.device(), true);
            ec2.awaitDetached(volumeId, timeouts.detached());
        }
    }
}
