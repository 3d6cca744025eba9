package io.snaptastic.snapshot;

import io.snaptastic.operation.Operation;
import io.snaptastic.web.OperationAnswers;
import io.snaptastic.web.OperationResponses;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.RequestFingerprint;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.problem.ProblemResponses;
import io.snaptastic.problem.ProblemType;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** Makes, lists and deletes a snapshotter's snapshots. */
@RestController
@RequestMapping("/snapshots")
@Tag(name = "snapshots", description = "Snapshot a snapshotter's volumes, list and delete snapshots")
class SnapshotController {

    private final SnapshotterResolver resolver;
    private final SnapshotOperations snapshots;
    private final SnapshotQueryService query;
    private final SnapshotDeleter deleter;
    private final Operations operations;

    SnapshotController(SnapshotterResolver resolver, SnapshotOperations snapshots, SnapshotQueryService query,
            SnapshotDeleter deleter, Operations operations) {
        this.resolver = resolver;
        this.snapshots = snapshots;
        this.query = query;
        this.deleter = deleter;
        this.operations = operations;
    }

    @PostMapping
    @io.swagger.v3.oas.annotations.Operation(operationId = "snapshot", summary = "Snapshot a snapshotter's volumes "
            + "(make-snapshots)", description = "Each mounted volume's filesystem is frozen only while EC2 takes the "
            + "snapshot's point in time, then thawed; the snapshot is tagged so that a later mount finds it.")
    @OperationAnswers
    @ProblemResponses({ProblemType.UNKNOWN_SNAPSHOTTER, ProblemType.INVALID_VOLUMES, ProblemType.MISSING_USERDATA,
            ProblemType.INVALID_USERDATA, ProblemType.CONFLICT, ProblemType.IDEMPOTENCY_KEY_REUSED, ProblemType.UNAVAILABLE})
    ResponseEntity<Operation> snapshot(@Valid @RequestBody SnapshotRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "0") int wait) {
        OperationResponses.waitDuration(wait);
        SnapshotterContext context = resolver.resolve(request.snapshotter(), request.userdata());
        Operation operation = snapshots.snapshot(context, idempotencyKey, RequestFingerprint.of("POST /snapshots", request));
        return OperationResponses.answer(operations, operation, wait);
    }

    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(operationId = "listSnapshots", summary = "A snapshotter's snapshots by mount "
            + "point, newest first", description = "The snapshots EC2 holds for the snapshotter's filter tags and mount "
            + "points, including those the Python snaptastic made; managed says whether this agent may delete one.")
    @ProblemResponses({ProblemType.UNKNOWN_SNAPSHOTTER, ProblemType.INVALID_VOLUMES, ProblemType.MISSING_USERDATA,
            ProblemType.INVALID_USERDATA, ProblemType.EC2_DENIED, ProblemType.EC2_UNAVAILABLE, ProblemType.EC2_THROTTLED})
    List<SnapshotView> listSnapshots(@Parameter(description = "The snapshotter's name") @RequestParam String snapshotter) {
        SnapshotterContext context = resolver.resolve(snapshotter, null);
        return query.byMountPoint(context).entrySet().stream()
                .map(e -> new SnapshotView(e.getKey(), e.getValue().stream().map(SnapshotView.Item::of).toList()))
                .toList();
    }

    @DeleteMapping("/{snapshotId}")
    @io.swagger.v3.oas.annotations.Operation(operationId = "deleteSnapshot", summary = "Delete one snapshot that this "
            + "agent manages", description = "Only a snapshot tagged snaptastic:managed=true is deleted; any other is 409.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses({ProblemType.VALIDATION_FAILED, ProblemType.EC2_NOT_FOUND, ProblemType.UNMANAGED_SNAPSHOT,
            ProblemType.EC2_CONFLICT, ProblemType.EC2_DENIED, ProblemType.EC2_UNAVAILABLE, ProblemType.EC2_THROTTLED})
    ResponseEntity<Void> deleteSnapshot(@Parameter(description = "The snapshot's id",
            schema = @Schema(type = "string", pattern = "^snap-[0-9a-f]{8,17}$")) @PathVariable String snapshotId) {
        deleter.delete(snapshotId);
        return ResponseEntity.noContent().build();
    }
}
