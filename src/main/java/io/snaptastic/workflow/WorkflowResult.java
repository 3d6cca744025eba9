package io.snaptastic.workflow;

import java.util.List;

/**
 * The end of a mount, snapshot or unmount: one outcome per volume, an error that failed the whole
 * workflow (a hook for all volumes, say) when there was one, and the failure that names what a client
 * should do when one did (EC2's pending-snapshot limit, say), so the operation's problem type says so.
 */
public record WorkflowResult(List<VolumeOutcome> volumes, String error, RuntimeException cause) {

    public WorkflowResult {
        volumes = List.copyOf(volumes);
    }

    public WorkflowResult(List<VolumeOutcome> volumes, String error) {
        this(volumes, error, null);
    }

    public boolean succeeded() {
        return error == null && volumes.stream().noneMatch(VolumeOutcome::isFailed);
    }
}
