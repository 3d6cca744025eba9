package io.snaptastic.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeOutcome.Status;
import io.snaptastic.workflow.VolumeStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperationMetricsTests {

    static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OperationMetrics metrics = new OperationMetrics(meters);

    @Test
    void recordsDurationByTypeAndOutcome() {
        metrics.record(operation(OperationType.CLEANUP, OperationStatus.FAILED, 3000, List.of()));

        assertThat(meters.get("snaptastic.operations").tag("type", "cleanup").tag("outcome", "failed").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000);
    }

    @Test
    void recordsTheLongestFreezeOfASnapshot() {
        metrics.record(operation(OperationType.SNAPSHOT, OperationStatus.SUCCEEDED, 5000, List.of(
                new VolumeOutcome("/dev/sdf", "/mnt/a", "vol-1", "snap-1", VolumeStep.DONE, Status.DONE, 120L, null, null),
                new VolumeOutcome("/dev/sdg", "/mnt/b", "vol-2", "snap-2", VolumeStep.DONE, Status.DONE, 150L, null, null))));

        assertThat(meters.get("snaptastic.freeze").tag("snapshotter", "solr").timer().max(TimeUnit.MILLISECONDS))
                .isEqualTo(150);
    }

    @Test
    void recordsRestoreTimeOnlyForMountsThatRestoredFromASnapshot() {
        metrics.record(operation(OperationType.MOUNT, OperationStatus.SUCCEEDED, 1000, List.of(
                new VolumeOutcome("/dev/sdf", "/mnt/a", "vol-1", null, VolumeStep.DONE, Status.DONE, null, null, null))));
        assertThat(meters.find("snaptastic.restore").timer()).isNull();

        metrics.record(operation(OperationType.MOUNT, OperationStatus.SUCCEEDED, 7000, List.of(
                new VolumeOutcome("/dev/sdf", "/mnt/a", "vol-1", "snap-1", VolumeStep.DONE, Status.DONE, null, null, null))));
        assertThat(meters.get("snaptastic.restore").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7000);
    }

    @Test
    void ignoresARunningOperation() {
        metrics.record(Operation.started("op-1", OperationType.MOUNT, "solr", START));

        assertThat(meters.getMeters()).isEmpty();
    }

    static Operation operation(OperationType type, OperationStatus status, long millis, List<VolumeOutcome> volumes) {
        return new Operation("op-1", type, "solr", status, START, START.plusMillis(millis), volumes, null, Map.of());
    }
}
