package io.snaptastic.mount;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationResponses;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.OperationOutcome;
import io.snaptastic.operation.RequestFingerprint;
import io.snaptastic.operation.Workflows;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Mounts and unmounts a snapshotter's volumes, and shows what is mounted. */
@RestController
@RequestMapping("/mounts")
class MountController {

    private final SnapshotterResolver resolver;
    private final MountService mounts;
    private final UnmountService unmounts;
    private final MountOverview overview;
    private final Operations operations;

    MountController(SnapshotterResolver resolver, MountService mounts, UnmountService unmounts, MountOverview overview,
            Operations operations) {
        this.resolver = resolver;
        this.mounts = mounts;
        this.unmounts = unmounts;
        this.overview = overview;
        this.operations = operations;
    }

    @GetMapping
    List<MountOverview.SnapshotterMounts> list() {
        return overview.all();
    }

    @PostMapping
    ResponseEntity<Operation> mount(@Valid @RequestBody MountRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "0") int wait) {
        OperationResponses.waitDuration(wait);
        SnapshotterContext context = resolver.resolve(request.snapshotter(), request.userdata());
        MountOptions options = new MountOptions(request.dryRun(), request.ignoreMounted());
        Operation operation = operations.submit(OperationType.MOUNT, context.name(), idempotencyKey,
                RequestFingerprint.of("POST /mounts", request), progress -> {
                    if (options.dryRun()) {
                        progress.detail("dryRun", true);
                        progress.detail("plan", mounts.plan(context, options));
                        return OperationOutcome.succeeded();
                    }
                    return Workflows.outcome(mounts.mount(context, options, progress.operationId(), Workflows.listener(progress)));
                });
        return OperationResponses.answer(operations, operation, wait);
    }

    @DeleteMapping("/{snapshotter}")
    ResponseEntity<Operation> unmount(@PathVariable String snapshotter,
            @RequestParam(defaultValue = "false") boolean deleteVolumes,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "0") int wait) {
        OperationResponses.waitDuration(wait);
        SnapshotterContext context = resolver.resolve(snapshotter, null);
        Operation operation = operations.submit(OperationType.UNMOUNT, context.name(), idempotencyKey,
                RequestFingerprint.of("DELETE /mounts", snapshotter, deleteVolumes),
                progress -> Workflows.outcome(unmounts.unmount(context, deleteVolumes, Workflows.listener(progress))));
        return OperationResponses.answer(operations, operation, wait);
    }
}
