package io.snaptastic.snapshot;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationResponses;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
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

/** Makes, lists and deletes a snapshotter's snapshots. */
@RestController
@RequestMapping("/snapshots")
class SnapshotController {

    private final SnapshotterResolver resolver;
    private final SnapshotService snapshots;
    private final SnapshotQueryService query;
    private final SnapshotDeleter deleter;
    private final Operations operations;

    SnapshotController(SnapshotterResolver resolver, SnapshotService snapshots, SnapshotQueryService query,
            SnapshotDeleter deleter, Operations operations) {
        this.resolver = resolver;
        this.snapshots = snapshots;
        this.query = query;
        this.deleter = deleter;
        this.operations = operations;
    }

    @PostMapping
    ResponseEntity<Operation> snapshot(@Valid @RequestBody SnapshotRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "0") int wait) {
        OperationResponses.waitDuration(wait);
        SnapshotterContext context = resolver.resolve(request.snapshotter(), request.userdata());
        Operation operation = operations.submit(OperationType.SNAPSHOT, context.name(), idempotencyKey,
                RequestFingerprint.of("POST /snapshots", request),
                progress -> Workflows.outcome(snapshots.snapshot(context, Workflows.listener(progress))));
        return OperationResponses.answer(operations, operation, wait);
    }

    @GetMapping
    List<SnapshotView> list(@RequestParam String snapshotter) {
        SnapshotterContext context = resolver.resolve(snapshotter, null);
        return query.byMountPoint(context).entrySet().stream()
                .map(e -> new SnapshotView(e.getKey(), e.getValue().stream().map(SnapshotView.Item::of).toList()))
                .toList();
    }

    @DeleteMapping("/{snapshotId}")
    ResponseEntity<Void> delete(@PathVariable String snapshotId) {
        deleter.delete(snapshotId);
        return ResponseEntity.noContent().build();
    }
}
