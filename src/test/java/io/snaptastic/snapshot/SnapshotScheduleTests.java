package io.snaptastic.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.snaptastic.operation.FailureDescriber;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.OperationsProperties;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.web.ApiFixtures;
import io.snaptastic.workflow.WorkflowResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.SimpleTriggerContext;

/** A scheduled run is an ordinary snapshot operation marked trigger=schedule, skipped when the snapshotter is busy. */
class SnapshotScheduleTests {

    private static final SnapshotterContext SOLR = ApiFixtures.context("solr");

    @TempDir
    Path journal;

    private final SnapshotService service = mock(SnapshotService.class);
    private final SnapshotterResolver resolver = mock(SnapshotterResolver.class);
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private Operations operations;
    private SnapshotOperations snapshots;

    @BeforeEach
    void start() {
        operations = new Operations(journal, OperationsProperties.DEFAULT, FailureDescriber.GENERIC, Clock.systemUTC());
        snapshots = new SnapshotOperations(service, operations);
        given(resolver.resolve("solr", null)).willReturn(SOLR);
        scheduler.initialize();
    }

    @AfterEach
    void close() {
        scheduler.shutdown();
        operations.close();
    }

    @Test
    void aRunIsASnapshotOperationWithTheScheduleTrigger() {
        given(service.snapshot(any(), any())).willReturn(new WorkflowResult(List.of(), null));
        Snapshotter solr = snapshotter("solr", "0 0 3 * * *", Duration.ZERO);

        try (SnapshotSchedule schedule = schedule(solr, snapshotter("pg", null, Duration.ZERO))) {
            assertThat(schedule.scheduled()).as("only the snapshotter with a schedule").isEqualTo(1);
            assertThat(schedule.started()).as("nothing runs before start").isZero();
            schedule.start("solr");
            schedule.start("pg");
            schedule.start("solr");
            assertThat(schedule.started()).isEqualTo(1);
            schedule.run(solr);
        }

        Operation run = operations.await(operations.list().get(0).id(), Duration.ofSeconds(10));
        assertThat(run.type()).isEqualTo(OperationType.SNAPSHOT);
        assertThat(run.snapshotter()).isEqualTo("solr");
        assertThat(run.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(run.details()).isEqualTo(Map.of("trigger", "schedule"));
    }

    @Test
    void aRunWhileTheSnapshotterIsBusyIsSkippedNotQueued() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        given(service.snapshot(any(), any())).willAnswer(invocation -> {
            release.await(10, TimeUnit.SECONDS);
            return new WorkflowResult(List.of(), null);
        });
        Snapshotter solr = snapshotter("solr", "0 0 3 * * *", Duration.ZERO);
        Operation running = snapshots.snapshot(SOLR, null, "body");

        try (SnapshotSchedule schedule = schedule(solr)) {
            schedule.run(solr);
        } finally {
            release.countDown();
        }

        assertThat(operations.await(running.id(), Duration.ofSeconds(10)).status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(operations.list()).extracting(Operation::id).containsExactly(running.id());
    }

    @Test
    void theTriggerUsesTheInstancesOffsetWithoutAskingForItWhenThereIsNoJitter() {
        Snapshotter jittered = snapshotter("solr", "0 0 * * * *", Duration.ofMinutes(30));
        Snapshotter even = snapshotter("pg", "0 0 * * * *", Duration.ZERO);
        Duration offset = ScheduledTimes.offset("i-1", "solr", Duration.ofMinutes(30));
        SimpleTriggerContext context = new SimpleTriggerContext(Clock.fixed(Instant.parse("2026-12-08T02:59:59Z"), ZoneOffset.UTC));

        assertThat(SnapshotSchedule.times(jittered, () -> "i-1").nextExecution(context))
                .isEqualTo(Instant.parse("2026-12-08T03:00:00Z").plus(offset));
        assertThat(SnapshotSchedule.times(even, () -> { throw new IllegalStateException("not asked"); })
                .nextExecution(context)).isEqualTo(Instant.parse("2026-12-08T03:00:00Z"));
        assertThat(SnapshotSchedule.times(jittered, () -> { throw new IllegalStateException("IMDS down"); })
                .nextExecution(context)).as("no instance id yet: this run goes without its offset")
                .isEqualTo(Instant.parse("2026-12-08T03:00:00Z"));
    }

    private SnapshotSchedule schedule(Snapshotter... snapshotters) {
        return new SnapshotSchedule(new SnapshotterRegistry(List.of(snapshotters)), resolver, snapshots, () -> "i-1", scheduler);
    }

    private static Snapshotter snapshotter(String name, String cron, Duration jitter) {
        Snapshotter snapshotter = mock(Snapshotter.class);
        given(snapshotter.name()).willReturn(name);
        given(snapshotter.settings()).willReturn(new SnapshotterSettings(null, null, false, null, null, null, null, false,
                null, false, null, null, null, false, cron, jitter));
        return snapshotter;
    }
}
