package io.snaptastic.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotSelectorTests {

    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final Snapshot OLD = snapshot("snap-old", Snapshot.COMPLETED, "2026-11-01T00:00:00Z");
    private static final Snapshot NEW = snapshot("snap-new", Snapshot.PENDING, "2026-11-02T00:00:00Z");

    private final Ec2 ec2 = mock(Ec2.class);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T00:05:00Z"));
    private final SnapshotSelector selector = new SnapshotSelector(ec2, clock);

    @Test
    void restoresTheNewestCompletedSnapshotWithoutWaiting() {
        Snapshot newest = snapshot("snap-newest", Snapshot.COMPLETED, "2026-11-03T00:00:00Z");

        assertThat(selector.choose(List.of(newest, OLD), WAIT)).contains(new SnapshotSelector.Choice(newest, null));
        then(ec2).should(never()).awaitSnapshotCompleted(anyString(), any());
    }

    @Test
    void restoresAPendingNewestSnapshotThatCompletesWithinTheWait() {
        Snapshot completed = snapshot("snap-new", Snapshot.COMPLETED, "2026-11-02T00:00:00Z");
        given(ec2.awaitSnapshotCompleted("snap-new", WAIT)).willReturn(completed);

        assertThat(selector.choose(List.of(NEW, OLD), WAIT)).contains(new SnapshotSelector.Choice(completed, null));
    }

    @Test
    void restoresTheNewestCompletedWithAWarningWhenTheNewerStaysPendingPastTheWait() {
        given(ec2.awaitSnapshotCompleted("snap-new", WAIT)).willAnswer(call -> {
            clock.advance(WAIT);
            throw new Ec2Exception.WaitFailed("waiting for snapshot snap-new to complete within PT10M");
        });
        given(ec2.findSnapshot("snap-new")).willReturn(Optional.of(NEW));

        SnapshotSelector.Choice choice = selector.choose(List.of(NEW, OLD), WAIT).orElseThrow();

        assertThat(choice.snapshot()).isEqualTo(OLD);
        assertThat(choice.warning()).isEqualTo("restored snap-old (started 2026-11-01T00:00:00Z), the newest completed "
                + "snapshot: the newer snap-new (started 2026-11-02T00:00:00Z) was still pending after PT10M");
    }

    @Test
    void waitsOnlyWhatIsLeftOfTheWaitForASecondPendingSnapshot() {
        Snapshot newest = snapshot("snap-newest", Snapshot.PENDING, "2026-11-03T00:00:00Z");
        given(ec2.awaitSnapshotCompleted("snap-newest", WAIT)).willAnswer(call -> {
            clock.advance(Duration.ofMinutes(4));
            throw new Ec2Exception.WaitFailed("the snapshot is in state error");
        });
        given(ec2.findSnapshot("snap-newest")).willReturn(Optional.of(snapshot("snap-newest", Snapshot.ERROR, "2026-11-03T00:00:00Z")));
        Snapshot completed = snapshot("snap-new", Snapshot.COMPLETED, "2026-11-02T00:00:00Z");
        given(ec2.awaitSnapshotCompleted("snap-new", Duration.ofMinutes(6))).willReturn(completed);

        assertThat(selector.choose(List.of(newest, NEW, OLD), WAIT)).contains(new SnapshotSelector.Choice(completed, null));
    }

    @Test
    void failsRatherThanRestoringNothingWhenNoCompletedSnapshotIsLeft() {
        given(ec2.awaitSnapshotCompleted("snap-new", WAIT)).willThrow(new Ec2Exception.WaitFailed("timed out"));
        given(ec2.findSnapshot("snap-new")).willReturn(Optional.of(NEW));

        assertThatThrownBy(() -> selector.choose(List.of(NEW), WAIT))
                .isInstanceOf(Ec2Exception.WaitFailed.class)
                .hasMessage("snapshot snap-new was still pending after PT10M and no older completed snapshot matches");
    }

    @Test
    void aZeroWaitRestoresTheNewestCompletedAtOnce() {
        SnapshotSelector.Choice choice = selector.choose(List.of(NEW, OLD), Duration.ZERO).orElseThrow();

        assertThat(choice.snapshot()).isEqualTo(OLD);
        assertThat(choice.warning()).contains("still pending after PT0S");
        then(ec2).should(never()).awaitSnapshotCompleted(anyString(), any());
    }

    @Test
    void choosesNothingWithoutCandidates() {
        assertThat(selector.choose(List.of(), WAIT)).isEmpty();
    }

    private static Snapshot snapshot(String id, String state, String start) {
        return new Snapshot(id, "vol-1", state, "100%", Instant.parse(start), 1, "", Map.of("mount_point", "/mnt/solr"));
    }
}
