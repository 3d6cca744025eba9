package io.snaptastic.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;

import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.snapshotter.Retention;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.SnapshotterSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class CleanupScheduleTests {

    final SnapshotterResolver resolver = mock(SnapshotterResolver.class);
    final Cleanups cleanups = mock(Cleanups.class);

    @Test
    void startsARealCleanupOnlyForSnapshottersWithACron() {
        Snapshotter scheduled = snapshotter("solr", "* * * * * *");
        Snapshotter manual = snapshotter("pg", null);
        SnapshotterContext context = mock(SnapshotterContext.class);
        given(resolver.resolve("solr", null)).willReturn(context);
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();

        try (CleanupSchedule schedule =
                new CleanupSchedule(new SnapshotterRegistry(List.of(scheduled, manual)), resolver, cleanups, scheduler)) {
            assertThat(schedule.scheduled()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    then(cleanups).should(atLeastOnce()).submit(eq(context), eq(false), isNull(), isNull()));
        }
    }

    @Test
    void aBusySnapshotterSkipsTheRunWithoutThrowing() {
        Snapshotter scheduled = snapshotter("solr", "0 0 3 * * *");
        given(resolver.resolve("solr", null)).willReturn(mock(SnapshotterContext.class));
        willThrow(new OperationConflictException("solr", "op-1")).given(cleanups).submit(any(), eq(false), any(), any());
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();

        try (CleanupSchedule schedule =
                new CleanupSchedule(new SnapshotterRegistry(List.of(scheduled)), resolver, cleanups, scheduler)) {
            schedule.run(scheduled);
        }
        then(cleanups).should().submit(any(), eq(false), any(), any());
    }

    static Snapshotter snapshotter(String name, String cron) {
        Snapshotter snapshotter = mock(Snapshotter.class);
        given(snapshotter.name()).willReturn(name);
        given(snapshotter.settings()).willReturn(new SnapshotterSettings(null, null, false, "d", Retention.DEFAULT, null,
                Duration.ofSeconds(30), false, Duration.ofHours(25), false, Duration.ZERO, cron, null, false, null, null));
        return snapshotter;
    }
}
