package io.snaptastic.retention;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationOutcome;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import io.snaptastic.snapshotter.SnapshotterContext;

/**
 * Runs retention as an operation of type cleanup, so it takes the snapshotter's turn like a mount or a
 * snapshot does and its result is kept in the journal. A delete EC2 refused fails the operation, with
 * everything else it did in the details.
 */
public class Cleanups {

    private final RetentionService retention;
    private final Operations operations;

    public Cleanups(RetentionService retention, Operations operations) {
        this.retention = retention;
        this.operations = operations;
    }

    public Operation submit(SnapshotterContext context, boolean dryRun, String idempotencyKey, String fingerprint) {
        return operations.submit(OperationType.CLEANUP, context.name(), idempotencyKey, fingerprint, progress -> {
            CleanupResult result = retention.cleanup(context, dryRun);
            result.details().forEach(progress::detail);
            return result.complete()
                    ? OperationOutcome.succeeded()
                    : OperationOutcome.failed(new IncompleteCleanupException());
        });
    }

    /** Some snapshots that retention chose could not be deleted; the details list them as delete-failed. */
    public static class IncompleteCleanupException extends AgentException {
        public IncompleteCleanupException() {
            super(ProblemType.WORKFLOW_FAILED, "some expired snapshots could not be deleted; see kept with reason delete-failed");
        }
    }
}
