package io.snaptastic.operation;

/** A snapshotter already has an operation running; a second one would fight it over the same volumes. */
public class OperationConflictException extends RuntimeException {

    private final String snapshotter;
    private final String runningOperationId;

    public OperationConflictException(String snapshotter, String runningOperationId) {
        super("snapshotter '" + snapshotter + "' is busy with operation " + runningOperationId
                + "; wait for it to finish (GET /operations/" + runningOperationId + ")");
        this.snapshotter = snapshotter;
        this.runningOperationId = runningOperationId;
    }

    public String snapshotter() {
        return snapshotter;
    }

    public String runningOperationId() {
        return runningOperationId;
    }
}
