package io.snaptastic.mount;

import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.VolumeSpec;
import java.util.ArrayList;
import java.util.List;

/** Says what a mount would do for one volume, for a dry run. */
final class MountPlanner {

    private MountPlanner() {}

    /**
     * As {@link #plan(VolumeSpec, MountState.Found, Snapshot)}, for a volume that may have kept volumes:
     * with prefer-retained the newest is reattached; without, a newer one is warned about.
     */
    static PlannedVolume plan(SnapshotterContext context, VolumeSpec volume, MountState.Found found, Snapshot newest,
            List<RetainedVolumes.Kept> kept) {
        if (found.kind() != MountState.Kind.NEW || kept.isEmpty()) {
            return plan(volume, found, newest);
        }
        if (context.snapshotter().settings().preferRetained()) {
            return new PlannedVolume(volume.device(), volume.mountPoint(), null, "reattach-retained", List.of(
                    "AttachVolume(" + kept.get(0).id() + ", kept by an unmount at " + kept.get(0).retainedAt() + ", " + volume.device() + ")",
                    "e2fsck -p for ext3/ext4", "mount " + volume.mountPoint(), "CreateTags(" + ResourceTags.RETAINED + "=false)",
                    "ModifyInstanceAttribute(DeleteOnTermination=" + volume.deleteOnTermination() + ")"));
        }
        PlannedVolume planned = plan(volume, found, newest);
        return RetainedVolumes.newerThan(kept, newest, context.name()).map(planned::withWarning).orElse(planned);
    }

    static PlannedVolume plan(VolumeSpec volume, MountState.Found found, Snapshot newest) {
        String snapshotId = newest == null ? null : newest.id();
        switch (found.kind()) {
            case ALREADY_MOUNTED:
                return new PlannedVolume(volume.device(), volume.mountPoint(), null, "already-mounted", List.of());
            case SKIPPED:
                return new PlannedVolume(volume.device(), volume.mountPoint(), null, "skipped", List.of());
            case BLOCKED:
                return new PlannedVolume(volume.device(), volume.mountPoint(), null, "blocked: " + found.reason(), List.of());
            case ATTACHED:
                return new PlannedVolume(volume.device(), volume.mountPoint(), null, "attached",
                        List.of("e2fsck -p for ext3/ext4 (or mkfs when blank)", "mount " + volume.mountPoint(), "ModifyInstanceAttribute"));
            default:
                break;
        }
        List<String> calls = new ArrayList<>();
        String state;
        if (newest == null) {
            state = "fresh";
            calls.add("CreateVolume(" + volume.size() + " GiB " + volume.type() + ", empty)");
        } else {
            state = Snapshot.PENDING.equals(newest.state()) ? "restore-after-pending" : "restore";
            calls.add("CreateVolume(from " + newest.id() + ", " + Math.max(volume.size(), newest.volumeSizeGib()) + " GiB " + volume.type() + ")");
        }
        calls.add("AttachVolume(" + volume.device() + ")");
        // What a restore holds is known only once blkid reads it; xfs gets no check (its mount replays the log).
        calls.add(newest == null ? "mkfs." + volume.fileSystem() : "e2fsck -p for ext3/ext4");
        calls.add("mount " + volume.mountPoint());
        if (newest != null) {
            calls.add("grow the filesystem online if the volume is larger");
        }
        calls.add("ModifyInstanceAttribute(DeleteOnTermination=" + volume.deleteOnTermination() + ")");
        return new PlannedVolume(volume.device(), volume.mountPoint(), snapshotId, state, calls);
    }
}
