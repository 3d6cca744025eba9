package io.snaptastic.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.host.freeze.FrozenFilesystems;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.snapshotter.VolumeSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class FrozenSnapshotterTests {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final VolumeSpec SOLR = VolumeSpec.of("/dev/sdf", "/mnt/solr", 20);
    private static final VolumeSpec LOGS = VolumeSpec.of("/dev/sdg", "/mnt/logs", 5);
    private static final SnapshotTarget SOLR_TARGET = new SnapshotTarget(SOLR, "vol-1", true);
    private static final SnapshotTarget LOGS_TARGET = new SnapshotTarget(LOGS, "vol-2", true);
    private static final Map<String, String> TAGS = Map.of("role", "solr", "cluster", "solr", "environment", "prod");

    private final Ec2 ec2 = mock(Ec2.class);
    private final Freezer freezer = mock(Freezer.class);
    private final FrozenFilesystems frozen = mock(FrozenFilesystems.class);
    private final Snapshotter snapshotter = mock(Snapshotter.class);
    private final AtomicInteger frozenNow = new AtomicInteger();
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<Integer> frozenWhileSleeping = new ArrayList<>();
    private FrozenSnapshotter frozenSnapshotter;

    @BeforeEach
    void setUp() {
        given(snapshotter.name()).willReturn("solr");
        given(snapshotter.settings()).willReturn(SnapshotterSettings.DEFAULT);
        given(freezer.freeze(any(), any())).willAnswer(inv -> {
            frozenNow.incrementAndGet();
            return frozen;
        });
        willAnswer(inv -> frozenNow.decrementAndGet()).given(frozen).close();
        given(frozen.frozenMillis()).willReturn(7L);
        frozenSnapshotter = new FrozenSnapshotter(ec2, freezer, new FrozenSnapshotter.Backoff(3, Duration.ofMillis(1), Duration.ofMillis(2)),
                SnapshotPacing.DEFAULT, duration -> {
                    frozenWhileSleeping.add(frozenNow.get());
                    sleeps.add(duration);
                });
    }

    @Test
    void waitsThawedUntilFifteenSecondsAfterThePreviousSnapshotStartedThenFreezesAgain() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willThrow(rateExceeded())
                .willReturn(List.of(snapshot("snap-2", "vol-1")));
        given(ec2.describeSnapshots(Map.of("volume-id", List.of("vol-1"))))
                .willReturn(List.of(started("snap-old", "vol-1", NOW.minusSeconds(60)), started("snap-1", "vol-1", NOW.minusSeconds(5))));

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId()).containsOnlyKeys("vol-1");
        assertThat(result.failures()).isEmpty();
        // 10 s left of the window, and a second's margin for the skew between our clock and EC2's.
        assertThat(sleeps).containsExactly(Duration.ofSeconds(11));
        assertThat(frozenWhileSleeping).containsExactly(0);
        assertThat(result.freezeMillis()).isEqualTo(14);
        then(freezer).should(times(2)).freeze(List.of("/mnt/solr"), Duration.ofSeconds(30));
    }

    @Test
    void waitsTheWholeWindowWhenThePreviousSnapshotIsNotVisibleYet() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willThrow(rateExceeded())
                .willReturn(List.of(snapshot("snap-2", "vol-1")));
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(started("snap-old", "vol-1", NOW.minusSeconds(600))));

        frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(15));
    }

    @Test
    void givesUpOnTheWindowOnceTheTotalWaitWouldPassItsLimit() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap())).willThrow(rateExceeded());
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId()).isEmpty();
        assertThat(result.failures().get("vol-1")).isInstanceOf(Ec2Exception.SnapshotRateExceeded.class);
        // Two minutes of 15 s windows: eight waits, nine attempts, never frozen while waiting.
        assertThat(sleeps).hasSize(8).containsOnly(Duration.ofSeconds(15));
        assertThat(frozenWhileSleeping).containsOnly(0);
        then(freezer).should(times(9)).freeze(any(), any());
        assertThat(frozenNow).hasValue(0);
    }

    @Test
    void thePendingSnapshotLimitIsNeverRetried() {
        willThrow(new Ec2Exception.SnapshotLimitExceeded("ConcurrentSnapshotLimitExceeded", "too many pending", null))
                .given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.failures().get("vol-1")).isInstanceOf(Ec2Exception.SnapshotLimitExceeded.class);
        assertThat(sleeps).isEmpty();
        then(freezer).should(times(1)).freeze(any(), any());
    }

    @Test
    void theFallbackAsksAgainOnlyForTheVolumeEc2RefusedAndKeepsTheOther() {
        willThrow(new Ec2Exception.Unsupported("InvalidAction", "not here", null))
                .given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        given(ec2.createSnapshot(eq("vol-1"), anyString(), anyMap())).willReturn(snapshot("snap-1", "vol-1"));
        given(ec2.createSnapshot(eq("vol-2"), anyString(), anyMap()))
                .willThrow(rateExceeded())
                .willReturn(snapshot("snap-2", "vol-2"));
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR, LOGS), List.of(SOLR_TARGET, LOGS_TARGET),
                List.of(), CLOCK);

        assertThat(result.byVolumeId()).containsOnlyKeys("vol-1", "vol-2");
        assertThat(result.failures()).isEmpty();
        then(ec2).should(times(1)).createSnapshot(eq("vol-1"), anyString(), anyMap());
        then(freezer).should().freeze(List.of("/mnt/logs"), Duration.ofSeconds(30));
        // The second round leaves out the volume that has its snapshot.
        then(ec2).should().createSnapshots(eq("i-1"), eq(List.of("vol-1")), anyString(), anyMap());
    }

    @Test
    void moreForeignVolumesThanCreateSnapshotsCanLeaveOutAreSnapshottedOneByOneInsideTheSameFreeze() {
        List<String> foreign = IntStream.rangeClosed(1, 41).mapToObj(i -> String.format("vol-f%02d", i)).toList();
        given(ec2.createSnapshot(eq("vol-1"), anyString(), anyMap())).willReturn(snapshot("snap-1", "vol-1"));

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), foreign, CLOCK);

        assertThat(result.byVolumeId()).containsOnlyKeys("vol-1");
        then(ec2).should(never()).createSnapshots(any(), any(), any(), any());
        then(freezer).should(times(1)).freeze(any(), any());
    }

    @Test
    void fortyForeignVolumesStillGoInOneCreateSnapshots() {
        List<String> foreign = IntStream.rangeClosed(1, 40).mapToObj(i -> String.format("vol-f%02d", i)).toList();
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap())).willReturn(List.of(snapshot("snap-1", "vol-1")));

        frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), foreign, CLOCK);

        then(ec2).should().createSnapshots(eq("i-1"), eq(foreign), anyString(), anyMap());
        then(ec2).should(never()).createSnapshot(any(), any(), any());
    }

    @Test
    void deletesAtOnceTheSnapshotOfAVolumeAttachedBehindItsBack() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(snapshot("snap-1", "vol-1"), snapshot("snap-stray", "vol-new")));

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId()).containsOnlyKeys("vol-1");
        then(ec2).should().deleteSnapshot("snap-stray");
        then(ec2).should(never()).deleteSnapshot("snap-1");
    }

    @Test
    void retriesCreateTagsWhileEc2DoesNotKnowTheFreshSnapshotYet() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(new Snapshot("snap-1", "vol-1", "pending", "0%", NOW, 20, "", Map.of())));
        willThrow(new Ec2Exception.NotFound("InvalidSnapshot.NotFound", "no such snapshot", null))
                .willThrow(new Ec2Exception.NotFound("InvalidSnapshot.NotFound", "no such snapshot", null))
                .willAnswer(inv -> null)
                .given(ec2).createTags(any(), any());

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.warnings()).isEmpty();
        assertThat(sleeps).containsExactly(Duration.ofMillis(1250), Duration.ofMillis(2500));
        assertThat(frozenWhileSleeping).containsOnly(0);
        then(ec2).should(times(3)).createTags(eq(List.of("snap-1")), argThat(tags -> "/mnt/solr".equals(tags.get("mount_point"))));
    }

    @Test
    void aSnapshotEc2NeverLetsUsTagIsKeptWithAWarningThatNamesTheMissingTags() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(new Snapshot("snap-1", "vol-1", "pending", "0%", NOW, 20, "", Map.of())));
        willThrow(new Ec2Exception.NotFound("InvalidSnapshot.NotFound", "no such snapshot", null))
                .given(ec2).createTags(any(), any());

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId()).containsOnlyKeys("vol-1");
        assertThat(result.warnings().get("vol-1"))
                .startsWith("snapshot snap-1 lacks the tags cluster, environment, mount_point, role")
                .contains("InvalidSnapshot.NotFound");
        // Bounded: 1.25 + 2.5 + 5 + 8 + 8 s fit in the 30 s limit, the next 8 s do not.
        assertThat(sleeps).hasSize(5);
        then(ec2).should(never()).deleteSnapshot(any());
    }

    @Test
    void aSnapshotWhoseAnswerWasLostIsFoundByTheOperationsTagAndKeptWithoutASecondOne() {
        willThrow(unavailable()).given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        given(ec2.describeSnapshots(argThat(filters -> filters.containsKey("tag:snaptastic:operation"))))
                .willReturn(List.of(snapshot("snap-1", "vol-1")));

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId().get("vol-1").id()).isEqualTo("snap-1");
        assertThat(result.failures()).isEmpty();
        then(ec2).should(times(1)).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        then(freezer).should(times(1)).freeze(any(), any());
        assertThat(frozenNow).hasValue(0);
    }

    @Test
    void aSnapshotNotVisibleAtOnceIsLookedForAgainWithBackoffWhileThawed() {
        willThrow(unavailable()).given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of()).willReturn(List.of(snapshot("snap-1", "vol-1")));

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId().get("vol-1").id()).isEqualTo("snap-1");
        assertThat(sleeps).containsExactly(Duration.ofMillis(1250));
        assertThat(frozenWhileSleeping).containsOnly(0);
        then(ec2).should(times(1)).createSnapshots(any(), anyCollection(), anyString(), anyMap());
    }

    @Test
    void aServerErrorThatMadeNothingIsTakenAgainInANewFreezeOnceTheLookIsOver() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willThrow(unavailable())
                .willReturn(List.of(snapshot("snap-2", "vol-1")));
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId().get("vol-1").id()).isEqualTo("snap-2");
        assertThat(result.failures()).isEmpty();
        // 1.25 + 2.5 + 5 s of looking fit in the 10 s patience, the next 8 s do not; then the backoff.
        assertThat(sleeps).hasSize(4).startsWith(Duration.ofMillis(1250), Duration.ofMillis(2500), Duration.ofSeconds(5));
        assertThat(frozenWhileSleeping).containsOnly(0);
        then(freezer).should(times(2)).freeze(List.of("/mnt/solr"), Duration.ofSeconds(30));
        // Both attempts carry the one operation tag the look searches by.
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, String>> tags = ArgumentCaptor.forClass(Map.class);
        then(ec2).should(times(2)).createSnapshots(any(), anyCollection(), anyString(), tags.capture());
        List<String> operations = tags.getAllValues().stream().map(t -> t.get("snaptastic:operation")).toList();
        assertThat(operations).hasSize(2).doesNotContainNull().containsOnly(operations.get(0));
    }

    @Test
    void theFallbackTakesAgainOnlyTheVolumeWhoseLostAnswerMadeNothing() {
        willThrow(new Ec2Exception.Unsupported("InvalidAction", "not here", null))
                .given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        willThrow(unavailable()).given(ec2).createSnapshot(eq("vol-1"), anyString(), anyMap());
        given(ec2.createSnapshot(eq("vol-2"), anyString(), anyMap()))
                .willThrow(unavailable())
                .willReturn(snapshot("snap-2", "vol-2"));
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(snapshot("snap-1", "vol-1")));

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR, LOGS), List.of(SOLR_TARGET, LOGS_TARGET),
                List.of(), CLOCK);

        assertThat(result.byVolumeId().get("vol-1").id()).isEqualTo("snap-1");
        assertThat(result.byVolumeId().get("vol-2").id()).isEqualTo("snap-2");
        assertThat(result.failures()).isEmpty();
        then(ec2).should(times(1)).createSnapshot(eq("vol-1"), anyString(), anyMap());
        then(ec2).should(times(2)).createSnapshot(eq("vol-2"), anyString(), anyMap());
        then(freezer).should().freeze(List.of("/mnt/logs"), Duration.ofSeconds(30));
        assertThat(frozenWhileSleeping).containsOnly(0);
    }

    @Test
    void aSnapshotThatShowsUpOnlyAfterItWasTakenAgainIsTaggedAsADuplicateAndNotDeleted() {
        AtomicInteger creates = new AtomicInteger();
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap())).willAnswer(inv -> {
            if (creates.incrementAndGet() == 1) {
                throw unavailable();
            }
            return List.of(snapshot("snap-2", "vol-1"));
        });
        given(ec2.describeSnapshots(anyMap())).willAnswer(inv -> creates.get() < 2 ? List.of()
                : List.of(snapshot("snap-1", "vol-1"), snapshot("snap-2", "vol-1")));

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId().get("vol-1").id()).isEqualTo("snap-2");
        then(ec2).should().createTags(List.of("snap-1"), Map.of("snaptastic:duplicate-of", "snap-2"));
        then(ec2).should(never()).deleteSnapshot(any());
    }

    @Test
    void serverErrorsAreTakenAgainOnlyUpToTheBackoffsBound() {
        willThrow(unavailable()).given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId()).isEmpty();
        assertThat(result.failures().get("vol-1")).isInstanceOf(Ec2Exception.Unavailable.class);
        then(freezer).should(times(3)).freeze(any(), any());
        assertThat(frozenWhileSleeping).containsOnly(0);
        assertThat(frozenNow).hasValue(0);
    }

    @Test
    void aLookThatFailsCountsAsNothingSeenAndTheVolumeIsTakenAgain() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willThrow(unavailable())
                .willReturn(List.of(snapshot("snap-2", "vol-1")));
        given(ec2.describeSnapshots(anyMap())).willThrow(unavailable());

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId().get("vol-1").id()).isEqualTo("snap-2");
        assertThat(result.failures()).isEmpty();
        assertThat(frozenWhileSleeping).containsOnly(0);
    }

    @Test
    void aLostAnswersSnapshotOfAVolumeAttachedBehindOurBackIsDeletedOnceFound() {
        willThrow(unavailable()).given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(snapshot("snap-1", "vol-1"), snapshot("snap-stray", "vol-new")));

        FrozenSnapshotter.Result result = frozenSnapshotter.snapshot(context(SOLR), List.of(SOLR_TARGET), List.of(), CLOCK);

        assertThat(result.byVolumeId()).containsOnlyKeys("vol-1");
        // Found by the look and again by the last one: deleted once.
        then(ec2).should(times(1)).deleteSnapshot("snap-stray");
        then(ec2).should(never()).deleteSnapshot("snap-1");
    }

    private SnapshotterContext context(VolumeSpec... volumes) {
        return new SnapshotterContext(snapshotter, "i-1", "eu-west-1a", Map.of(), List.of(volumes), TAGS);
    }

    private static Ec2Exception unavailable() {
        return new Ec2Exception.Unavailable("InternalError", "CreateSnapshots: An internal error has occurred (InternalError)", null);
    }

    private static Ec2Exception rateExceeded() {
        return new Ec2Exception.SnapshotRateExceeded("SnapshotCreationPerVolumeRateExceeded", "too soon", null);
    }

    private static Snapshot snapshot(String id, String volumeId) {
        return new Snapshot(id, volumeId, "pending", "0%", NOW, 20, "", Map.of("mount_point", volumeId.equals("vol-2") ? "/mnt/logs" : "/mnt/solr"));
    }

    private static Snapshot started(String id, String volumeId, Instant start) {
        return new Snapshot(id, volumeId, "completed", "100%", start, 20, "", Map.of());
    }
}
