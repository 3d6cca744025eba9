package io.snaptastic.snapshot;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.Workflows;
import io.snaptastic.snapshotter.SnapshotterContext;

/** Starts snapshots as operations, so each takes its snapshotter's turn and its result is journalled. */
public class SnapshotOperations {

    private final SnapshotService snapshots;
    private final Operations operations;

    public SnapshotOperations(SnapshotService snapshots, Operations operations) {
        this.snapshots = snapshots;
        this.operations = operations;
    }

    /**
     * @param idempotencyKey the client's Idempotency-Key; null when it sent none
     * @param fingerprint what identifies the request (see {@link io.snaptastic.operation.RequestFingerprint})
     */
    public Operation snapshot(SnapshotterContext context, String idempotencyKey, String fingerprint) {
        return operations.submit(OperationType.SNAPSHOT, context.name(), idempotencyKey, fingerprint,
                progress -> Workflows.outcome(snapshots.snapshot(context, Workflows.listener(progress, context))));
    }

    /** A snapshot started by the snapshotter's {@code schedule}; its operation says so. */
    public Operation snapshotOnSchedule(SnapshotterContext context) {
        return operations.submit(OperationType.SNAPSHOT, context.name(), null, null, progress -> {
            progress.detail("trigger", "schedule");
            return Workflows.outcome(snapshots.snapshot(context, Workflows.listener(progress, context)));
        });
    }
}
