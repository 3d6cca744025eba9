package io.snaptastic.mount;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationOutcome;
import io.snaptastic.operation.OperationProgress;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.Workflows;
import io.snaptastic.snapshotter.SnapshotterContext;

/**
 * Starts mounts and unmounts as operations, so each takes its snapshotter's turn and its result is
 * journalled; a dry run's operation carries the plan and mounts nothing.
 */
public class MountOperations {

    private final MountService mounts;
    private final UnmountService unmounts;
    private final Operations operations;

    public MountOperations(MountService mounts, UnmountService unmounts, Operations operations) {
        this.mounts = mounts;
        this.unmounts = unmounts;
        this.operations = operations;
    }

    /**
     * @param idempotencyKey the client's Idempotency-Key; null when it sent none
     * @param fingerprint what identifies the request (see {@link io.snaptastic.operation.RequestFingerprint})
     */
    public Operation mount(SnapshotterContext context, MountOptions options, String idempotencyKey, String fingerprint) {
        return operations.submit(OperationType.MOUNT, context.name(), idempotencyKey, fingerprint,
                progress -> options.dryRun() ? plan(context, options, progress) : mount(context, options, progress));
    }

    /** The mount of a snapshotter with {@code mount-on-startup}; its operation says it was started at start-up. */
    public Operation mountAtStartup(SnapshotterContext context) {
        return operations.submit(OperationType.MOUNT, context.name(), null, null, progress -> {
            progress.detail("trigger", "startup");
            return mount(context, new MountOptions(false, false), progress);
        });
    }

    public Operation unmount(SnapshotterContext context, boolean deleteVolumes, String idempotencyKey, String fingerprint) {
        return operations.submit(OperationType.UNMOUNT, context.name(), idempotencyKey, fingerprint, progress -> {
            // Journalled, so that start-up reconciliation knows what an interrupted unmount was to do.
            progress.detail(UnmountService.DELETE_VOLUMES, deleteVolumes);
            return Workflows.outcome(unmounts.unmount(context, deleteVolumes, Workflows.listener(progress, context)));
        });
    }

    private OperationOutcome mount(SnapshotterContext context, MountOptions options, OperationProgress progress) {
        return Workflows.outcome(
                mounts.mount(context, options, progress.operationId(), Workflows.listener(progress, context)));
    }

    private OperationOutcome plan(SnapshotterContext context, MountOptions options, OperationProgress progress) {
        progress.detail("dryRun", true);
        if (!context.warnings().isEmpty()) {
            progress.detail("warnings", context.warnings());
        }
        progress.detail("plan", mounts.plan(context, options));
        return OperationOutcome.succeeded();
    }
}
