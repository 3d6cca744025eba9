package io.snaptastic.snapshotter;

import java.util.List;

/**
 * The end of a mount, snapshot or unmount: one outcome per volume, and an error that failed the whole
 * workflow (a hook for all volumes, say) when there was one.
 */
public record WorkflowResult(List<VolumeOutcome> volumes, String error) {

    public WorkflowResult {
        volumes = List.copyOf(volumes);
    }

    public boolean succeeded() {
        return error == null && volumes.stream().noneMatch(VolumeOutcome::isFailed);
    }
}
