package io.snaptastic.operation;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import java.util.Map;

/** A snapshotter already has an operation running; a second one would fight it over the same volumes. */
public class OperationConflictException extends AgentException {

    private final String snapshotter;
    private final String runningOperationId;

    public OperationConflictException(String snapshotter, String runningOperationId) {
        this(snapshotter, runningOperationId, "snapshotter '" + snapshotter + "' is busy with operation "
                + runningOperationId + "; wait for it to finish (GET /operations/" + runningOperationId + ")");
    }

    private OperationConflictException(String snapshotter, String runningOperationId, String message) {
        super(ProblemType.CONFLICT, message);
        this.snapshotter = snapshotter;
        this.runningOperationId = runningOperationId;
    }

    /** The snapshotter's operation that the agent was running when it stopped is still being reconciled. */
    static OperationConflictException reconciling(String snapshotter, String interruptedOperationId) {
        return new OperationConflictException(snapshotter, interruptedOperationId, "snapshotter '" + snapshotter
                + "' is being reconciled: the agent stopped during operation " + interruptedOperationId
                + ", and what it left is being undone; try again once readiness is UP (GET /operations/"
                + interruptedOperationId + " reads failed then)");
    }

    @Override
    protected Map<String, Object> properties() {
        return Map.of("operationId", runningOperationId);
    }

    public String snapshotter() {
        return snapshotter;
    }

    public String runningOperationId() {
        return runningOperationId;
    }
}
