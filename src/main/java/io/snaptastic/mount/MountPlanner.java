package io.snaptastic.mount;

import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.VolumeSpec;
import java.util.ArrayList;
import java.util.List;

/** Says what a mount would do for one volume, for a dry run. */
final class MountPlanner {

    private MountPlanner() {}

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
