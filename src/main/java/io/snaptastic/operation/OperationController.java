package io.snaptastic.operation;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists operations and shows one, optionally waiting for it to finish. */
@RestController
@RequestMapping("/operations")
class OperationController {

    private final Operations operations;

    OperationController(Operations operations) {
        this.operations = operations;
    }

    /** Remembered operations, newest first, optionally of one snapshotter. */
    @GetMapping
    List<Operation> list(@RequestParam(required = false) String snapshotter) {
        return operations.list().stream()
                .filter(operation -> snapshotter == null || operation.snapshotter().equals(snapshotter))
                .toList();
    }

    /** The operation; with {@code wait}, once it has finished or that many seconds have passed. */
    @GetMapping("/{id}")
    Operation get(@PathVariable String id, @RequestParam(defaultValue = "0") int wait) {
        return operations.await(id, OperationResponses.waitDuration(wait));
    }
}
