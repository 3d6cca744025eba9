package io.snaptastic.operation;

import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.WorkflowFailedException;
import io.snaptastic.workflow.WorkflowListener;
import io.snaptastic.workflow.WorkflowResult;
import java.util.Locale;

/** Connects the workflows to operations: each volume's progress journalled, the result turned into an outcome. */
public final class Workflows {

    private Workflows() {}

    public static WorkflowListener listener(OperationProgress progress) {
        return outcome -> progress.volume(result(outcome));
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

    static VolumeResult result(VolumeOutcome outcome) {
        return new VolumeResult(outcome.device(), outcome.mountPoint(), outcome.volumeId(), outcome.snapshotId(),
                name(outcome.step()), name(outcome.status()), outcome.freezeMillis(), outcome.error(),
                outcome.warning());
    }

    /** Enum constants as the API spells them: lower case, words joined by hyphens. */
    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
