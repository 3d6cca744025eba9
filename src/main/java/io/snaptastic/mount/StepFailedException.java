package io.snaptastic.mount;

import io.snaptastic.workflow.VolumeOutcome;

/** A call failed at a step the caller's outcome has not reached yet; carries the outcome at that step. */
final class StepFailedException extends RuntimeException {

    private final transient VolumeOutcome at;

    StepFailedException(VolumeOutcome at, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.at = at;
    }

    VolumeOutcome at() {
        return at;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
