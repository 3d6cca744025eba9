package io.snaptastic.volume;

import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DiskSpace;
import io.snaptastic.host.Mounter;
import io.snaptastic.mount.Attachments;
import io.snaptastic.snapshotter.DeviceNames;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.VolumeSpec;
import java.util.List;
import java.util.Optional;

/**
 * The seed's list-volumes: each configured volume with its EBS volume, state, mount and usage. The
 * EC2 side may be up to a few seconds old (see {@link RecentAttachments}); mounts and usage are read
 * from the host on every call.
 */
public class VolumeService {

    private final RecentAttachments attachments;
    private final Mounter mounter;

    VolumeService(RecentAttachments attachments, Mounter mounter) {
        this.attachments = attachments;
        this.mounter = mounter;
    }

    public List<VolumeStatus> list(SnapshotterContext context) {
        Attachments attachments = this.attachments.of(context.instanceId());
        Mounter.Mounts mounts = mounter.mounts();
        return context.volumes().stream()
                .map(v -> status(v, attachments.at(v.device()), context.instanceId(), mounts))
                .toList();
    }

    private VolumeStatus status(VolumeSpec spec, Optional<Volume> attached, String instanceId, Mounter.Mounts mounts) {
        boolean mounted = mounts.at(spec.mountPoint()).isPresent();
        String state = attached.flatMap(v -> v.attachments().stream()
                        .filter(a -> instanceId.equals(a.instanceId()) && DeviceNames.sameAttachmentPoint(a.device(), spec.device()))
                        .findFirst())
                .map(Volume.Attachment::state)
                .orElse("not-attached");
        return new VolumeStatus(spec.device(), spec.mountPoint(), spec.size(), spec.type(), spec.iops(),
                attached.map(Volume::id).orElse(null), attached.map(Volume::sizeGib).orElse(null), state, mounted,
                mounted ? usage(spec.mountPoint()) : null);
    }

    static VolumeStatus.Usage usage(String mountPoint) {
        return DiskSpace.of(mountPoint).map(space -> {
            long used = space.totalBytes() - space.freeBytes();
            int percent = (int) Math.round(100.0 * used / space.totalBytes());
            return new VolumeStatus.Usage(space.totalBytes(), used, space.usableBytes(), percent);
        }).orElse(null);
    }
}
