package io.snaptastic.mount;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Volume;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a deleting unmount deletes beside the attached volume: the detached ({@code available})
 * volumes that an earlier deleting unmount left when it crashed or its DeleteVolume failed. Only a
 * volume tagged managed, with this instance's id, this snapshotter and this mount point; never one
 * tagged retained, since that tag cannot tell a kept unmount from a failed restore and both may hold
 * writes that no snapshot has: those stay for the operator, and the outcome names them.
 */
final class LeftoverVolumes {

    private final Ec2 ec2;

    LeftoverVolumes(Ec2 ec2) {
        this.ec2 = ec2;
    }

    VolumeOutcome delete(SnapshotterContext context, VolumeSpec volume, VolumeOutcome outcome, WorkflowListener listener) {
        List<String> kept = new ArrayList<>();
        VolumeOutcome current = outcome;
        for (Volume leftover : find(context, volume)) {
            if (ResourceTags.isRetained(leftover.tags())) {
                kept.add(leftover.id());
                continue;
            }
            // The outcome keeps the attached volume's id; a repeat with nothing attached names the leftover.
            VolumeOutcome named = current.volumeId() == null ? current.withVolumeId(leftover.id()) : current;
            current = UnmountService.step(listener, named, VolumeStep.DELETE_VOLUME);
            try {
                ec2.deleteVolume(leftover.id());
            } catch (RuntimeException e) {
                throw new StepFailedException(current, e);
            }
        }
        return kept.isEmpty() ? current : current.withWarning("kept the detached volumes " + String.join(", ", kept)
                + ": they are tagged " + ResourceTags.RETAINED + "=true and may hold data no snapshot has; delete them by hand");
    }

    private List<Volume> find(SnapshotterContext context, VolumeSpec volume) {
        Map<String, List<String>> filters = ResourceTags.managedVolumeFilters(context.instanceId(), context.name());
        filters.put("tag:" + ResourceTags.MOUNT_POINT, List.of(ResourceTags.literal(volume.mountPoint())));
        // Checked again here: a filter is the server's word, and these are the only volumes ever deleted.
        return ec2.describeVolumes(filters).stream()
                .filter(v -> ResourceTags.isManaged(v.tags()))
                .filter(v -> context.instanceId().equals(v.tags().get(ResourceTags.INSTANCE_ID)))
                .filter(v -> context.name().equals(v.tags().get(ResourceTags.SNAPSHOTTER)))
                .filter(v -> volume.mountPoint().equals(v.tags().get(ResourceTags.MOUNT_POINT)))
                .filter(v -> "available".equals(v.state()) && v.attachments().isEmpty())
                .toList();
    }
}
