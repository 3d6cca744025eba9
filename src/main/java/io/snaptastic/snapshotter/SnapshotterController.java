package io.snaptastic.snapshotter;

import io.snaptastic.problem.ProblemResponses;
import io.snaptastic.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shows the configured snapshotters: their volumes, filter tags and settings. */
@RestController
@RequestMapping("/snapshotters")
@Tag(name = "snapshotters", description = "The configured snapshotters")
class SnapshotterController {

    private final SnapshotterRegistry registry;

    SnapshotterController(SnapshotterRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(operationId = "listSnapshotters", summary = "Every snapshotter, from the configuration and from code")
    List<SnapshotterView> listSnapshotters() {
        return registry.all().stream().map(SnapshotterView::of).toList();
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getSnapshotter", summary = "One snapshotter: its volumes, filter tags and settings")
    @ProblemResponses(ProblemType.UNKNOWN_SNAPSHOTTER)
    SnapshotterView getSnapshotter(@Parameter(description = "The snapshotter's name") @PathVariable String name) {
        return SnapshotterView.of(registry.get(name));
    }
}
