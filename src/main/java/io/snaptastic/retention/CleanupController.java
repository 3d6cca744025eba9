package io.snaptastic.retention;

import io.snaptastic.operation.Operation;
import io.snaptastic.web.OperationAnswers;
import io.snaptastic.web.OperationResponses;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.RequestFingerprint;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.problem.ProblemResponses;
import io.snaptastic.problem.ProblemType;
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
    @io.swagger.v3.oas.annotations.Operation(operationId = "cleanup", summary = "Apply a snapshotter's retention (clean)",
            description = "Deletes the managed snapshots that keep-last, max-age and the expires tag let go, per mount "
                    + "point; never an unmanaged one, the newest completed one, or one an attached volume came from. "
                    + "The operation's details list what was deleted or kept, and why; dryRun deletes nothing.")
    @OperationAnswers
    @ProblemResponses({ProblemType.UNKNOWN_SNAPSHOTTER, ProblemType.INVALID_VOLUMES, ProblemType.MISSING_USERDATA,
            ProblemType.INVALID_USERDATA, ProblemType.CONFLICT, ProblemType.IDEMPOTENCY_KEY_REUSED, ProblemType.UNAVAILABLE})
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
