package io.snaptastic.snapshotter;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shows the configured snapshotters: their volumes, filter tags and settings. */
@RestController
@RequestMapping("/snapshotters")
class SnapshotterController {

    private final SnapshotterRegistry registry;

    SnapshotterController(SnapshotterRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    List<SnapshotterView> list() {
        return registry.all().stream().map(SnapshotterView::of).toList();
    }

    @GetMapping("/{name}")
    SnapshotterView get(@PathVariable String name) {
        return SnapshotterView.of(registry.get(name));
    }
}
