package io.snaptastic.operation;

import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.WorkflowFailedException;
import io.snaptastic.workflow.WorkflowListener;
import io.snaptastic.workflow.WorkflowResult;

/** Connects the workflows to operations: each volume's outcome journalled, the result turned into an operation outcome. */
public final class Workflows {

    private Workflows() {}

    public static WorkflowListener listener(OperationProgress progress) {
        return progress::volume;
    }

    /**
     * The listener for a workflow on the context's volumes; what resolving the context changed (a
     * {@code /dev/sdf1} attached as {@code /dev/sdf}) is told first, in the operation's {@code warnings} detail.
     */
    public static WorkflowListener listener(OperationProgress progress, SnapshotterContext context) {
        if (!context.warnings().isEmpty()) {
            progress.detail("warnings", context.warnings());
        }
        return listener(progress);
    }

    public static OperationOutcome outcome(WorkflowResult result) {
        return result.succeeded() ? OperationOutcome.succeeded() : OperationOutcome.failed(new WorkflowFailedException(result));
    }
}
