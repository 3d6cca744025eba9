package io.snaptastic.mount;

import io.snaptastic.host.FilesystemMount;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;

/** One restore's outcome as it moves along, told to the listener before each step's call. */
final class RestoreProgress {

    private VolumeOutcome outcome;
    private final WorkflowListener listener;
    /** Whether this restore's mount succeeded: from then on nothing is detached under it. */
    private boolean mounted;

    RestoreProgress(VolumeOutcome outcome, WorkflowListener listener) {
        this.outcome = outcome;
        this.listener = listener;
    }

    void step(VolumeStep step) {
        outcome = outcome.at(step);
        listener.update(outcome);
    }

    /** The host's format-and-mount is at a phase; from the grow on, the volume is mounted. */
    void phase(FilesystemMount.Phase phase) {
        switch (phase) {
            case FORMAT -> step(VolumeStep.FORMAT);
            case CHECK -> step(VolumeStep.CHECK_FILESYSTEM);
            case MOUNT -> step(VolumeStep.MOUNT);
            case GROW -> {
                mounted();
                step(VolumeStep.GROW_FILESYSTEM);
            }
        }
    }

    void volumeId(String id) {
        outcome = outcome.withVolumeId(id);
        listener.update(outcome);
    }

    void warn(String warning) {
        outcome = outcome.withWarning(warning);
        listener.update(outcome);
    }

    /** Tells the listener of a passing state (such as clean-up) without making it the outcome. */
    void tell(VolumeOutcome passing) {
        listener.update(passing);
    }

    void mounted() {
        mounted = true;
    }

    boolean isMounted() {
        return mounted;
    }

    VolumeOutcome fail(String why) {
        outcome = outcome.failed(why);
        listener.update(outcome);
        return outcome;
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
