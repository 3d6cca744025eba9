package io.snaptastic.mount;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.FilesystemMount;
import io.snaptastic.host.FilesystemMount.Origin;
import io.snaptastic.host.FormatAndMount;
import io.snaptastic.host.MountedFilesystem;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.Failures;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeStep;
import java.nio.file.Path;
import java.util.List;

/**
 * Mounts a volume once EC2 has attached it: awaits the attachment and its device, then hands the
 * device to the host's safe format-and-mount. A grow that fails is the volume's warning. Then finishes
 * it the same way for a restore, a resume and a reattach: DeleteOnTermination, the post-mount hook.
 */
class AttachedVolumeMounter {

    private final Ec2 ec2;
    private final FormatAndMount formatAndMount;
    private final DeviceAwaiter devices;
    private final Timeouts timeouts;

    AttachedVolumeMounter(Ec2 ec2, FormatAndMount formatAndMount, DeviceAwaiter devices, Timeouts timeouts) {
        this.ec2 = ec2;
        this.formatAndMount = formatAndMount;
        this.devices = devices;
        this.timeouts = timeouts;
    }

    void mount(SnapshotterContext context, VolumeSpec volume, String volumeId, Origin origin, RestoreProgress progress) {
        progress.step(VolumeStep.AWAIT_ATTACHED);
        ec2.awaitAttached(volumeId, context.instanceId(), timeouts.attached(), timeouts.stuckAttaching());
        progress.step(VolumeStep.RESOLVE_DEVICE);
        Path device = devices.await(volumeId, volume.device(), timeouts.device());
        FilesystemMount request = origin == Origin.EMPTY
                ? FilesystemMount.empty(device, volume.mountPoint(), volume.mountOptions(), volume.fileSystem())
                : FilesystemMount.of(device, volume.mountPoint(), volume.mountOptions(), origin);
        MountedFilesystem mounted = formatAndMount.mount(request, progress::phase);
        progress.mounted();
        mounted.growFailure().ifPresent(e -> progress.warn(
                "the filesystem could not grow to the volume's size and stays at the snapshot's size: "
                        + Failures.describe(e) + ("xfs".equals(mounted.fsType()) ? "" : " (online ext3/ext4 growth needs CAP_SYS_RESOURCE)")));
    }

    /** After the mount: DeleteOnTermination as configured, the post-mount hook, done. */
    VolumeOutcome finish(SnapshotterContext context, VolumeSpec volume, RestoreProgress progress) {
        progress.step(VolumeStep.SET_DELETE_ON_TERMINATION);
        ec2.setDeleteOnTermination(context.instanceId(), progress.current().volumeId(), volume.deleteOnTermination());
        progress.step(VolumeStep.POST_MOUNT_HOOK);
        context.snapshotter().hook(Hook.POST_MOUNT, List.of(volume));
        progress.step(VolumeStep.DONE);
        return progress.finish(VolumeOutcome.Status.DONE);
    }
}
