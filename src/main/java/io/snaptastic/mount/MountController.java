package io.snaptastic.mount;

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

/** Mounts and unmounts a snapshotter's volumes, and shows what is mounted. */
@RestController
@RequestMapping("/mounts")
@Tag(name = "mounts", description = "Restore and mount a snapshotter's volumes, and unmount them")
class MountController {

    private final SnapshotterResolver resolver;
    private final MountOperations mounts;
    private final MountOverview overview;
    private final Operations operations;

    MountController(SnapshotterResolver resolver, MountOperations mounts, MountOverview overview, Operations operations) {
        this.resolver = resolver;
        this.mounts = mounts;
        this.overview = overview;
        this.operations = operations;
    }

    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(operationId = "listMounts", summary = "What is mounted where, per snapshotter",
            description = "Read from the host's mount table alone, without calling EC2.")
    List<MountOverview.SnapshotterMounts> listMounts() {
        return overview.all();
    }

    @PostMapping
    @io.swagger.v3.oas.annotations.Operation(operationId = "mount", summary = "Restore and mount a snapshotter's volumes "
            + "(mount-snapshots)", description = "Each volume is restored from the newest completed snapshot matching the "
            + "snapshotter's filter tags and its mount point, attached and mounted; with no snapshot, a new volume is "
            + "formatted. A volume already mounted is reported as such and left alone.")
    @OperationAnswers
    @ProblemResponses({ProblemType.UNKNOWN_SNAPSHOTTER, ProblemType.INVALID_VOLUMES, ProblemType.MISSING_USERDATA,
            ProblemType.INVALID_USERDATA, ProblemType.CONFLICT, ProblemType.IDEMPOTENCY_KEY_REUSED, ProblemType.UNAVAILABLE})
    ResponseEntity<Operation> mount(@Valid @RequestBody MountRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "0") int wait) {
        OperationResponses.waitDuration(wait);
        SnapshotterContext context = resolver.resolve(request.snapshotter(), request.userdata());
        Operation operation = mounts.mount(context, new MountOptions(request.dryRun(), request.ignoreMounted()),
                idempotencyKey, RequestFingerprint.of("POST /mounts", request));
        return OperationResponses.answer(operations, operation, wait);
    }

    @DeleteMapping("/{snapshotter}")
    @io.swagger.v3.oas.annotations.Operation(operationId = "unmount", summary = "Unmount and detach a snapshotter's "
            + "volumes (unmount-snapshots)", description = "Each volume is unmounted and detached; with deleteVolumes, "
            + "volumes this agent manages are deleted too. Snapshots are never deleted here.")
    @OperationAnswers
    @ProblemResponses({ProblemType.UNKNOWN_SNAPSHOTTER, ProblemType.INVALID_VOLUMES, ProblemType.MISSING_USERDATA,
            ProblemType.INVALID_USERDATA, ProblemType.CONFLICT, ProblemType.IDEMPOTENCY_KEY_REUSED,
            ProblemType.VALIDATION_FAILED, ProblemType.UNAVAILABLE})
    ResponseEntity<Operation> unmount(@Parameter(description = "The snapshotter's name") @PathVariable String snapshotter,
            @Parameter(description = "Also delete the detached volumes that this agent manages")
            @RequestParam(defaultValue = "false") boolean deleteVolumes,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "0") int wait) {
        OperationResponses.waitDuration(wait);
        SnapshotterContext context = resolver.resolve(snapshotter, null);
        Operation operation = mounts.unmount(context, deleteVolumes, idempotencyKey,
                RequestFingerprint.of("DELETE /mounts", snapshotter, deleteVolumes));
        return OperationResponses.answer(operations, operation, wait);
    }
}
