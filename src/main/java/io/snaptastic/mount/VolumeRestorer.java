package io.snaptastic.mount;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.NewVolume;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.Filesystems;
import io.snaptastic.host.Mounter;
import io.snaptastic.host.Probe;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores one volume: creates it (from its snapshot, or empty), attaches it, formats only an empty
 * one, checks, mounts and grows it. What fails is cleaned up only where no data can be lost: an empty
 * volume this operation made is unmounted, detached and deleted; one restored from a snapshot is kept
 * (see {@link RestoreCleanup}).
 */
class VolumeRestorer {

    private static final Logger log = LoggerFactory.getLogger(VolumeRestorer.class);

    /** The steps at which a restored volume's own data has been read: from here on it is kept. */
    private static final Set<VolumeStep> DATA_READ = EnumSet.of(VolumeStep.CHECK_FILESYSTEM, VolumeStep.MOUNT);

    private final Ec2 ec2;
    private final Filesystems filesystems;
    private final Mounter mounter;
    private final DeviceAwaiter devices;
    private final Timeouts timeouts;
    private final RestoreCleanup cleanup;
    private final RetainedReattacher reattacher;

    VolumeRestorer(Ec2 ec2, Filesystems filesystems, Mounter mounter, DeviceAwaiter devices, Timeouts timeouts) {
        this.ec2 = ec2;
        this.filesystems = filesystems;
        this.mounter = mounter;
        this.devices = devices;
        this.timeouts = timeouts;
        this.cleanup = new RestoreCleanup(ec2, mounter, timeouts);
        this.reattacher = new RetainedReattacher(ec2, filesystems, mounter, devices, timeouts);
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
            Volume created = ec2.createVolume(newVolume(context, volume, snapshot, operationId));
            progress.volumeId(created.id());
            progress.step(VolumeStep.AWAIT_AVAILABLE);
            awaitAvailable(volume, created.id());
            progress.step(VolumeStep.ATTACH);
            ec2.attachVolume(created.id(), context.instanceId(), volume.device());
            prepareAndMount(context, volume, created.id(), restored, progress);
            return finish(context, volume, progress);
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
            prepareAndMount(context, volume, attached.id(), restored, progress);
            // A retained tag from an earlier failed mount stays (the reaper only looks at detached volumes);
            // one from an unmount belongs to a reattach cut short, which this finishes.
            if (ResourceTags.retainedReason(attached.tags()).filter(RetainedReason.UNMOUNT::equals).isPresent()) {
                reattacher.release(attached.id(), progress);
            }
            return finish(context, volume, progress);
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

    private void prepareAndMount(
            SnapshotterContext context, VolumeSpec volume, String volumeId, boolean restored, RestoreProgress progress) {
        progress.step(VolumeStep.AWAIT_ATTACHED);
        ec2.awaitAttached(volumeId, context.instanceId(), timeouts.attached(), timeouts.stuckAttaching());
        progress.step(VolumeStep.RESOLVE_DEVICE);
        Path device = devices.await(volumeId, volume.device(), timeouts.device());
        String fileSystem = volume.fileSystem();
        Probe probe = filesystems.probe(device);
        if (!restored && probe.empty()) {
            progress.step(VolumeStep.FORMAT);
            filesystems.format(device, fileSystem, false);
        } else {
            progress.step(VolumeStep.CHECK_FILESYSTEM);
            if (restored && probe.fsType() == null) {
                throw new IllegalStateException("the volume restored from a snapshot holds no filesystem; it is left unformatted");
            }
            // What the volume holds, not what the configuration says: a Python snaptastic snapshot is
            // xfs or ext3 where the agent's default is ext4.
            fileSystem = probe.fsType();
            filesystems.check(device, fileSystem);
        }
        progress.step(VolumeStep.MOUNT);
        mounter.mount(device, volume.mountPoint(), fileSystem, volume.mountOptions());
        progress.mounted();
        if (restored) {
            progress.step(VolumeStep.GROW_FILESYSTEM);
            grow(volume, device, fileSystem, progress);
        }
    }

    /**
     * Grows online, after the mount. A failed grow leaves a working mount at the snapshot's size, so
     * it is a warning, never a reason to unmount: online ext3/ext4 growth needs CAP_SYS_RESOURCE
     * (resize2fs; fs/ext4/ioctl.c), which containers often drop.
     */
    private void grow(VolumeSpec volume, Path device, String fileSystem, RestoreProgress progress) {
        try {
            filesystems.growIfNeeded(device, volume.mountPoint(), fileSystem);
        } catch (RuntimeException e) {
            log.warn("could not grow {} at {}; it stays at the snapshot's size", fileSystem, volume.mountPoint(), e);
            String hint = "xfs".equals(fileSystem) ? "" : " (online ext3/ext4 growth needs CAP_SYS_RESOURCE)";
            progress.warn("the filesystem could not grow to the volume's size and stays at the snapshot's size: "
                    + Failures.describe(e) + hint);
        }
    }

    private VolumeOutcome finish(SnapshotterContext context, VolumeSpec volume, RestoreProgress progress) {
        progress.step(VolumeStep.SET_DELETE_ON_TERMINATION);
        ec2.setDeleteOnTermination(context.instanceId(), progress.current().volumeId(), volume.deleteOnTermination());
        progress.step(VolumeStep.POST_MOUNT_HOOK);
        context.snapshotter().hook(Hook.POST_MOUNT, List.of(volume));
        progress.step(VolumeStep.DONE);
        return progress.finish(VolumeOutcome.Status.DONE);
    }

    private static NewVolume newVolume(SnapshotterContext context, VolumeSpec volume, Snapshot snapshot, String operationId) {
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
