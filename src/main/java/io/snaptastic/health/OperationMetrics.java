package io.snaptastic.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationType;
import io.snaptastic.workflow.VolumeOutcome;
import java.time.Duration;
import java.util.Objects;

/**
 * Records each finished operation: its duration by type and outcome ({@code snaptastic_operations_seconds}),
 * a snapshot's freeze window ({@code snaptastic_freeze_seconds}) and a mount's restore time from
 * snapshots ({@code snaptastic_restore_seconds}).
 */
public class OperationMetrics {

    private final MeterRegistry meters;

    public OperationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(Operation operation) {
        if (operation.endedAt() == null) {
            return;
        }
        Duration took = Duration.between(operation.startedAt(), operation.endedAt());
        Timer.builder("snaptastic.operations").description("Operations by type and outcome")
                .tag("type", operation.type().json()).tag("outcome", operation.status().json())
                .register(meters).record(took);
        if (operation.type() == OperationType.SNAPSHOT) {
            // One freeze covers every volume of the operation; the longest reported is the window.
            operation.volumes().stream().map(VolumeOutcome::freezeMillis).filter(Objects::nonNull)
                    .max(Long::compare)
                    .ifPresent(millis -> Timer.builder("snaptastic.freeze").description("How long filesystems stayed frozen")
                            .tag("snapshotter", operation.snapshotter()).register(meters).record(Duration.ofMillis(millis)));
        }
        boolean restored = operation.volumes().stream()
                .anyMatch(v -> v.snapshotId() != null && v.status() == VolumeOutcome.Status.DONE);
        if (operation.type() == OperationType.MOUNT && restored) {
            Timer.builder("snaptastic.restore").description("Mounts that restored volumes from snapshots")
                    .tag("snapshotter", operation.snapshotter()).tag("outcome", operation.status().json())
                    .register(meters).record(took);
        }
    }
}
