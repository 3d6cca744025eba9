package io.snaptastic.web;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.snapshotter.YamlSnapshotter;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Operations and resolved snapshotters as the controller slices' mocked runner and resolver hand them out. */
public final class ApiFixtures {

    public static final Instant STARTED = Instant.parse("2026-11-29T12:00:00Z");

    private ApiFixtures() {}

    public static Operation running(String id, OperationType type, String snapshotter) {
        return Operation.started(id, type, snapshotter, STARTED);
    }

    public static Operation succeeded(String id, OperationType type, String snapshotter) {
        return new Operation(id, type, snapshotter, OperationStatus.SUCCEEDED, STARTED, STARTED.plusSeconds(3),
                List.of(VolumeOutcome.of("/dev/sdf", "/mnt/solr").at(VolumeStep.DONE)), null, Map.of());
    }

    /** The seed tutorial's solr snapshotter resolved on one instance: /dev/sdf on /mnt/solr. */
    public static SnapshotterContext context(String name) {
        List<VolumeSpec> volumes = List.of(VolumeSpec.of("/dev/sdf", "/mnt/solr", 20));
        YamlSnapshotter snapshotter = new YamlSnapshotter(name, new SnapshotterSettings(null, volumes, false, null, null,
                null, Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null), null);
        return new SnapshotterContext(snapshotter, "i-0123456789abcdef0", "eu-west-1a",
                Map.of("role", "solr", "cluster", "solr", "environment", "sandbox"),
                volumes, Map.of("role", "solr"));
    }
}
