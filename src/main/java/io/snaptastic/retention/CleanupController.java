package io.snaptastic.retention;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationResponses;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.RequestFingerprint;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Applies a snapshotter's retention on request, as a cleanup operation. */
@RestController
class CleanupController {

    private final SnapshotterResolver resolver;
    private final Cleanups cleanups;
    private final Operations operations;

    CleanupController(SnapshotterResolver resolver, Cleanups cleanups, Operations operations) {
        this.resolver = resolver;
        this.cleanups = cleanups;
        this.operations = operations;
    }

    @PostMapping("/snapshots/cleanup")
    ResponseEntity<Operation> cleanup(@Valid @RequestBody CleanupRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "0") int wait) {
        OperationResponses.waitDuration(wait);
        SnapshotterContext context = resolver.resolve(request.snapshotter(), null);
        Operation operation = cleanups.submit(context, request.dryRun(), idempotencyKey,
                RequestFingerprint.of("POST /snapshots/cleanup", request));
        return OperationResponses.answer(operations, operation, wait);
    }
}
