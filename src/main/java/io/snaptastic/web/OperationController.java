package io.snaptastic.web;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.Operations;
import io.snaptastic.problem.ProblemResponses;
import io.snaptastic.problem.ProblemType;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists operations and shows one, optionally waiting for it to finish. */
@RestController
@RequestMapping("/operations")
@Tag(name = "operations", description = "Mounts, unmounts and snapshots that run or ran")
class OperationController {

    private final Operations operations;

    OperationController(Operations operations) {
        this.operations = operations;
    }

    /** Remembered operations, newest first, optionally of one snapshotter. */
    @GetMapping
    @io.swagger.v3.oas.annotations.Operation(operationId = "listOperations", summary = "Remembered operations, newest first")
    List<Operation> listOperations(
            @Parameter(description = "Only this snapshotter's operations") @RequestParam(required = false) String snapshotter) {
        return operations.list().stream()
                .filter(operation -> snapshotter == null || operation.snapshotter().equals(snapshotter))
                .toList();
    }

    /** The operation; with {@code wait}, once it has finished or that many seconds have passed. */
    @GetMapping("/{id}")
    @io.swagger.v3.oas.annotations.Operation(operationId = "getOperation", summary = "One operation, optionally once it "
            + "has finished", description = "With wait, answers when the operation finishes or the wait is over, "
            + "whichever comes first; status says which.")
    @ProblemResponses({ProblemType.NOT_FOUND, ProblemType.VALIDATION_FAILED})
    Operation getOperation(@Parameter(description = "The operation's id") @PathVariable String id,
            @Parameter(description = "Seconds to wait for the operation to finish before answering, 0 to 900",
                    schema = @Schema(type = "integer", format = "int32", defaultValue = "0", minimum = "0",
                            maximum = "900"))
            @RequestParam(defaultValue = "0") int wait) {
        return operations.await(id, OperationResponses.waitDuration(wait));
    }
}
