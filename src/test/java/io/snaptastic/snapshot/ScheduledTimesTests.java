package io.snaptastic.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.SimpleTriggerContext;

/** When scheduled snapshots run: each cron time plus one offset per instance and snapshotter. */
class ScheduledTimesTests {

    private static final CronExpression EVERY_HOUR = CronExpression.parse("0 0 * * * *");
    private static final Instant TEN_PAST = Instant.parse("2026-12-08T03:10:00Z");
    private static final Duration JITTER = Duration.ofMinutes(30);

    @Test
    void theOffsetIsStableForOneInstanceAndSnapshotter() {
        assertThat(ScheduledTimes.offset("i-0123456789abcdef0", "solr", JITTER))
                .isEqualTo(ScheduledTimes.offset("i-0123456789abcdef0", "solr", JITTER));
    }

    @Test
    void offsetsDifferAcrossInstancesAndStayWithinTheJitter() {
        Set<Duration> offsets = new HashSet<>();
        IntStream.range(0, 200).forEach(i -> offsets.add(ScheduledTimes.offset("i-%017x".formatted(i), "solr", JITTER)));

        assertThat(offsets).allSatisfy(offset -> assertThat(offset).isBetween(Duration.ZERO, JITTER.minusMillis(1)));
        assertThat(offsets).as("200 instances spread over 30 minutes").hasSizeGreaterThan(190);
        assertThat(offsets.stream().mapToLong(Duration::toMinutes).max().orElseThrow())
                .as("some instance lands in the last third").isGreaterThanOrEqualTo(20);
        assertThat(ScheduledTimes.offset("i-1", "solr", JITTER)).isNotEqualTo(ScheduledTimes.offset("i-1", "pg", JITTER));
    }

    @Test
    void noJitterMeansNoOffset() {
        assertThat(ScheduledTimes.offset("i-1", "solr", Duration.ZERO)).isZero();
    }

    @Test
    void theFirstRunIsTheNextCronTimePlusTheOffset() {
        ScheduledTimes times = new ScheduledTimes(EVERY_HOUR, ZoneOffset.UTC, () -> Duration.ofMinutes(7));

        assertThat(times.nextExecution(startingAt(TEN_PAST))).isEqualTo(Instant.parse("2026-12-08T04:07:00Z"));
    }

    @Test
    void aCronTimeWhoseOffsetHasNotPassedRunsStill() {
        ScheduledTimes times = new ScheduledTimes(EVERY_HOUR, ZoneOffset.UTC, () -> Duration.ofMinutes(20));

        assertThat(times.nextExecution(startingAt(TEN_PAST))).isEqualTo(Instant.parse("2026-12-08T03:20:00Z"));
    }

    @Test
    void laterRunsKeepTheIntervalEven() {
        ScheduledTimes times = new ScheduledTimes(EVERY_HOUR, ZoneOffset.UTC, () -> Duration.ofMinutes(20));
        SimpleTriggerContext context = startingAt(TEN_PAST);
        Instant first = times.nextExecution(context);
        context.update(first, first, first.plusSeconds(1));

        assertThat(times.nextExecution(context)).isEqualTo(first.plus(Duration.ofHours(1)));
    }

    @Test
    void aRunLateToCompleteSkipsTheRunsItMissed() {
        ScheduledTimes times = new ScheduledTimes(EVERY_HOUR, ZoneOffset.UTC, () -> Duration.ofMinutes(20));
        SimpleTriggerContext context = startingAt(TEN_PAST);
        Instant first = times.nextExecution(context);
        context.update(first, first, first.plus(Duration.ofMinutes(90)));

        assertThat(times.nextExecution(context)).isEqualTo(first.plus(Duration.ofHours(2)));
    }

    @Test
    void anOffsetKnownOnlyAfterTheFirstRunDoesNotRunTheSameCronTimeTwice() {
        java.util.concurrent.atomic.AtomicReference<Duration> offset = new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO);
        ScheduledTimes times = new ScheduledTimes(EVERY_HOUR, ZoneOffset.UTC, offset::get);
        SimpleTriggerContext context = startingAt(TEN_PAST);
        Instant first = times.nextExecution(context);
        context.update(first, first, first.plusSeconds(1));
        offset.set(Duration.ofMinutes(20));

        assertThat(first).isEqualTo(Instant.parse("2026-12-08T04:00:00Z"));
        assertThat(times.nextExecution(context)).isEqualTo(Instant.parse("2026-12-08T05:20:00Z"));
    }

    private static SimpleTriggerContext startingAt(Instant now) {
        return new SimpleTriggerContext(Clock.fixed(now, ZoneOffset.UTC));
    }
}
