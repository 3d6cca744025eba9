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
import io.snaptastic.snapshotter.Failures;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.snapshotter.VolumeStep;
import io.snaptastic.snapshotter.WorkflowListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores one volume: creates it (from its snapshot, or empty), attaches it, formats only an empty
 * one, checks and mounts it. Whatever it created and could not mount is detached and deleted again.
 */
class VolumeRestorer {

    private static final Logger log = LoggerFactory.getLogger(VolumeRestorer.class);

    private final Ec2 ec2;
    private final Filesystems filesystems;
    private final Mounter mounter;
    private final DeviceAwaiter devices;
    private final Timeouts timeouts;

    VolumeRestorer(Ec2 ec2, Filesystems filesystems, Mounter mounter, DeviceAwaiter devices, Timeouts timeouts) {
        this.ec2 = ec2;
        this.filesystems = filesystems;
        this.mounter = mounter;
        this.devices = devices;
        this.timeouts = timeouts;
    }

    /** Runs the whole chain for a volume that is not attached yet. */
    VolumeOutcome restore(SnapshotterContext context, VolumeSpec volume, Snapshot snapshot, String operationId,
            WorkflowListener listener) {
        Progress progress = new Progress(VolumeOutcome.start(volume)
                .withSnapshotId(snapshot == null ? null : snapshot.id()), listener);
        boolean mounted = false;
        try {
            progress.step(VolumeStep.PRE_MOUNT_HOOK);
            context.snapshotter().preMount(volume);
            progress.step(VolumeStep.CREATE_VOLUME);
            Volume created = ec2.createVolume(newVolume(context, volume, snapshot, operationId));
            progress.volumeId(created.id());
            progress.step(VolumeStep.AWAIT_AVAILABLE);
            awaitAvailable(volume, created.id());
            progress.step(VolumeStep.ATTACH);
            ec2.attachVolume(created.id(), context.instanceId(), volume.device());
            mounted = prepareAndMount(context, volume, created.id(), snapshot != null, progress);
            return finish(context, volume, progress);
        } catch (RuntimeException e) {
            log.warn("restoring {} on {} failed at {}", volume.device(), volume.mountPoint(), progress.current().step(), e);
            VolumeOutcome failed = progress.current().failed(Failures.describe(e));
            if (!mounted && failed.volumeId() != null) {
                cleanUp(context, volume, failed.volumeId(), progress);
            }
            listener.update(failed);
            return failed;
        }
    }

    /**
     * Continues with a volume already attached at the device (a crash or a failed mount before):
     * no new volume is created, and an empty one is formatted only if blkid finds nothing on it.
     */
    VolumeOutcome resume(SnapshotterContext context, VolumeSpec volume, Volume attached, WorkflowListener listener) {
        Progress progress = new Progress(VolumeOutcome.start(volume).withVolumeId(attached.id())
                .withSnapshotId(attached.snapshotId()), listener);
        try {
            progress.step(VolumeStep.PRE_MOUNT_HOOK);
            context.snapshotter().preMount(volume);
            prepareAndMount(context, volume, attached.id(), attached.snapshotId() != null, progress);
            return finish(context, volume, progress);
        } catch (RuntimeException e) {
            log.warn("mounting attached {} on {} failed at {}", attached.id(), volume.mountPoint(), progress.current().step(), e);
            VolumeOutcome failed = progress.current().failed(Failures.describe(e));
            listener.update(failed);
            return failed;
        }
    }

    private void awaitAvailable(VolumeSpec volume, String volumeId) {
        try {
            ec2.awaitVolumeAvailable(volumeId, timeouts.volumeAvailable());
        } catch (Ec2Exception.Vanished e) {
            throw volume.encrypted() ? new UnusableKmsKeyException(volume, e) : e;
        }
    }

    private boolean prepareAndMount(
            SnapshotterContext context, VolumeSpec volume, String volumeId, boolean restored, Progress progress) {
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
            fileSystem = probe.fsType();
            filesystems.check(device, fileSystem);
        }
        // ext4 grows offline, before the mount (online resize needs CAP_SYS_RESOURCE, which containers
        // often drop); xfs can only grow mounted.
        boolean growMounted = "xfs".equals(fileSystem);
        if (restored && !growMounted) {
            progress.step(VolumeStep.GROW_FILESYSTEM);
            filesystems.growIfNeeded(device, volume.mountPoint(), fileSystem);
        }
        progress.step(VolumeStep.MOUNT);
        mounter.mount(device, volume.mountPoint(), fileSystem, volume.mountOptions());
        if (restored && growMounted) {
            progress.step(VolumeStep.GROW_FILESYSTEM);
            filesystems.growIfNeeded(device, volume.mountPoint(), fileSystem);
        }
        return true;
    }

    private VolumeOutcome finish(SnapshotterContext context, VolumeSpec volume, Progress progress) {
        progress.step(VolumeStep.SET_DELETE_ON_TERMINATION);
        ec2.setDeleteOnTermination(context.instanceId(), progress.current().volumeId(), volume.deleteOnTermination());
        progress.step(VolumeStep.POST_MOUNT_HOOK);
        context.snapshotter().postMount(volume);
        progress.step(VolumeStep.DONE);
        return progress.finish(VolumeOutcome.Status.DONE);
    }

    /** Undoes a half-made volume so that nothing leaks; a failure here is logged, the first error kept. */
    private void cleanUp(SnapshotterContext context, VolumeSpec volume, String volumeId, Progress progress) {
        try {
            progress.listener.update(progress.current().at(VolumeStep.CLEAN_UP));
            ec2.findVolume(volumeId).ifPresent(found -> {
                if (!found.attachments().isEmpty()) {
                    ec2.detachVolume(volumeId, context.instanceId(), volume.device(), true);
                    ec2.awaitDetached(volumeId, timeouts.detached());
                }
                if (!"available".equals(found.state()) && found.attachments().isEmpty()) {
                    ec2.awaitVolumeAvailable(volumeId, timeouts.volumeAvailable());
                }
                ec2.deleteVolume(volumeId);
            });
        } catch (RuntimeException e) {
            log.error("could not clean up volume {} after a failed mount; the reaper will retry", volumeId, e);
        }
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

    /** The outcome as it moves along, told to the listener before each step's call. */
    private static final class Progress {
        private VolumeOutcome outcome;
        private final WorkflowListener listener;

        Progress(VolumeOutcome outcome, WorkflowListener listener) {
            this.outcome = outcome;
            this.listener = listener;
        }

        void step(VolumeStep step) {
            outcome = outcome.at(step);
            listener.update(outcome);
        }

        void volumeId(String id) {
            outcome = outcome.withVolumeId(id);
            listener.update(outcome);
        }

        VolumeOutcome finish(VolumeOutcome.Status status) {
            outcome = outcome.finished(status);
            listener.update(outcome);
            return outcome;
        }

        VolumeOutcome current() {
            return outcome;
        }
    }
}
