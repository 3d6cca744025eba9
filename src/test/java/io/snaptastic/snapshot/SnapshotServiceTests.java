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
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Instance;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.host.freeze.FrozenFilesystems;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.Mounter;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.Retention;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import io.snaptastic.workflow.WorkflowResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class SnapshotServiceTests {

    private static final VolumeSpec SOLR = VolumeSpec.of("/dev/sdf", "/mnt/solr", 20);
    private static final VolumeSpec LOGS = VolumeSpec.of("/dev/sdg", "/mnt/logs", 5);
    private static final Map<String, String> TAGS = Map.of("role", "solr", "cluster", "solr", "environment", "prod");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private static final Instance INSTANCE = new Instance("i-1", "eu-west-1a", "/dev/xvda", Map.of(
            "/dev/xvda", new Instance.BlockDevice("vol-root", "attached", true),
            "/dev/sdf", new Instance.BlockDevice("vol-1", "attached", true),
            "/dev/xvdg", new Instance.BlockDevice("vol-2", "attached", true),
            "/dev/sdh", new Instance.BlockDevice("vol-other", "attached", true)));

    private final Ec2 ec2 = mock(Ec2.class);
    private final Freezer freezer = mock(Freezer.class);
    private final FrozenFilesystems frozen = mock(FrozenFilesystems.class);
    private final Mounter mounter = mock(Mounter.class);
    private final Snapshotter snapshotter = mock(Snapshotter.class);
    private final List<Duration> sleeps = new ArrayList<>();
    private SnapshotService service;

    @BeforeEach
    void setUp() {
        given(snapshotter.name()).willReturn("solr");
        given(snapshotter.settings()).willReturn(SnapshotterSettings.DEFAULT);
        given(ec2.describeInstance("i-1")).willReturn(INSTANCE);
        given(mounter.mountedAt(anyString())).willAnswer(inv -> Optional.of(
                new MountEntry(1, 0, "7:0", "/", inv.getArgument(0), List.of("rw"), "ext4", "/dev/loop0", List.of())));
        given(freezer.freeze(any(), any())).willReturn(frozen);
        given(frozen.frozenMillis()).willReturn(12L);
        service = new SnapshotService(ec2, mounter, new FrozenSnapshotter(ec2, freezer,
                new FrozenSnapshotter.Backoff(3, Duration.ofMillis(1), Duration.ofMillis(2)), SnapshotPacing.DEFAULT, sleeps::add), CLOCK);
    }

    @Test
    void snapshotsEveryVolumeInOneCallInsideOneFreezeAndThawsTheMomentItReturns() {
        given(ec2.createSnapshots(eq("i-1"), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(snapshot("snap-1", "vol-1", "/mnt/solr"), snapshot("snap-2", "vol-2", "/mnt/logs")));

        WorkflowResult result = service.snapshot(context(SOLR, LOGS), WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.volumes()).extracting(VolumeOutcome::snapshotId).containsExactly("snap-1", "snap-2");
        assertThat(result.volumes()).extracting(VolumeOutcome::freezeMillis).containsExactly(12L, 12L);
        InOrder order = inOrder(snapshotter, ec2, freezer, frozen);
        order.verify(snapshotter).hook(Hook.PRE_SNAPSHOTS, List.of(SOLR, LOGS));
        order.verify(snapshotter).hook(Hook.PRE_SNAPSHOT, List.of(SOLR));
        order.verify(snapshotter).hook(Hook.PRE_SNAPSHOT, List.of(LOGS));
        order.verify(ec2).describeInstance("i-1");
        order.verify(freezer).freeze(List.of("/mnt/solr", "/mnt/logs"), Duration.ofSeconds(30));
        order.verify(ec2).createSnapshots(eq("i-1"), eq(List.of("vol-other")), eq("solr snapshot of /mnt/solr, /mnt/logs"), anyMap());
        order.verify(frozen).close();
        order.verify(snapshotter).hook(Hook.POST_SNAPSHOT, List.of(SOLR));
        order.verify(snapshotter).hook(Hook.POST_SNAPSHOT, List.of(LOGS));
        order.verify(snapshotter).hook(Hook.POST_SNAPSHOTS, List.of(SOLR, LOGS));
        then(ec2).should(never()).createTags(any(), any());
        then(ec2).should(never()).createSnapshot(any(), any(), any());
    }

    @Test
    void tagsTheSnapshotsWithTheSeedsKeysAndTheMarksOfOwnership() {
        given(ec2.createSnapshots(eq("i-1"), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(snapshot("snap-1", "vol-1", "/mnt/solr")));

        service.snapshot(context(SOLR), WorkflowListener.NONE);

        Map<String, String> expected = new HashMap<>(TAGS);
        expected.putAll(Map.of("snaptastic:snapshotter", "solr", "snaptastic:managed", "true", "instance_id", "i-1",
                "created", "2026-11-29 10:00:00.000000", "expires", "2026-12-06 10:00:00.000000", "Name", "solr snapshot of /mnt/solr"));
        then(ec2).should().createSnapshots(eq("i-1"), eq(List.of("vol-2", "vol-other")), eq("solr snapshot of /mnt/solr"),
                argThat(tags -> {
                    Map<String, String> others = new HashMap<>(tags);
                    // Finds the snapshots of a call whose answer was lost; the Python tool ignores it.
                    String operation = others.remove("snaptastic:operation");
                    return others.equals(expected) && operation != null && operation.matches("[0-9a-f-]{36}");
                }));
    }

    @Test
    void aFilesystemIsNeverLeftFrozenWhenTheSnapshotCallFails() {
        willThrow(new Ec2Exception.Unavailable(null, "connection reset", null))
                .given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());

        WorkflowResult result = service.snapshot(context(SOLR), WorkflowListener.NONE);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.step()).isEqualTo(VolumeStep.CREATE_SNAPSHOT);
            assertThat(v.error()).isEqualTo("connection reset");
        });
        // Three attempts (the backoff's bound), each thawed before the next.
        then(freezer).should(times(3)).freeze(any(), any());
        then(frozen).should(times(3)).close();
        then(snapshotter).should().hook(Hook.POST_SNAPSHOTS, List.of(SOLR));
    }

    @Test
    void throttlingIsRetriedOnlyAfterTheThaw() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willThrow(new Ec2Exception.Throttled("RequestLimitExceeded", "slow down", null))
                .willReturn(List.of(snapshot("snap-1", "vol-1", "/mnt/solr")));

        WorkflowResult result = service.snapshot(context(SOLR), WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        InOrder order = inOrder(freezer, ec2, frozen);
        order.verify(freezer).freeze(any(), any());
        order.verify(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        order.verify(frozen).close();
        order.verify(freezer).freeze(any(), any());
        order.verify(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        order.verify(frozen).close();
    }

    @Test
    void givesUpAfterTheLastThrottledAttemptWithEverythingThawed() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willThrow(new Ec2Exception.Throttled("RequestLimitExceeded", "too many", null));

        WorkflowResult result = service.snapshot(context(SOLR), WorkflowListener.NONE);

        assertThat(result.succeeded()).isFalse();
        then(freezer).should(times(3)).freeze(any(), any());
        then(frozen).should(times(3)).close();
    }

    @Test
    void fallsBackToOneCreateSnapshotPerVolumeInsideTheSameFreeze() {
        willThrow(new Ec2Exception.Unsupported("InvalidAction", "not here", null))
                .given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        given(ec2.createSnapshot(eq("vol-1"), anyString(), anyMap())).willReturn(snapshot("snap-1", "vol-1", "/mnt/solr"));
        given(ec2.createSnapshot(eq("vol-2"), anyString(), anyMap())).willReturn(snapshot("snap-2", "vol-2", "/mnt/logs"));

        WorkflowResult result = service.snapshot(context(SOLR, LOGS), WorkflowListener.NONE);

        assertThat(result.volumes()).extracting(VolumeOutcome::snapshotId).containsExactly("snap-1", "snap-2");
        then(freezer).should(times(1)).freeze(any(), any());
        then(frozen).should(times(1)).close();
        then(ec2).should().createSnapshot(eq("vol-2"), eq("solr snapshot of /mnt/logs"),
                org.mockito.ArgumentMatchers.argThat(tags -> "/mnt/logs".equals(tags.get("mount_point"))));
    }

    @Test
    void tagsASnapshotWhoseVolumeLackedItsMountPointTag() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(new Snapshot("snap-1", "vol-1", "pending", "0%", Instant.EPOCH, 20, "", Map.of())));

        service.snapshot(context(SOLR), WorkflowListener.NONE);

        Map<String, String> expected = new HashMap<>(TAGS);
        expected.put("mount_point", "/mnt/solr");
        then(ec2).should().createTags(List.of("snap-1"), expected);
    }

    @Test
    void aSnapshotThatCannotBeTaggedIsDoneWithAWarningThatNamesTheMissingTags() {
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(new Snapshot("snap-1", "vol-1", "pending", "0%", Instant.EPOCH, 20, "", Map.of())));
        willThrow(new Ec2Exception.Denied("UnauthorizedOperation", "not allowed to tag", null)).given(ec2).createTags(any(), any());

        WorkflowResult result = service.snapshot(context(SOLR), WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.DONE);
            assertThat(v.snapshotId()).isEqualTo("snap-1");
            assertThat(v.warning()).startsWith("snapshot snap-1 lacks the tags cluster, environment, mount_point, role")
                    .contains("not allowed to tag");
        });
        then(snapshotter).should().hook(Hook.POST_SNAPSHOT, List.of(SOLR));
    }

    @Test
    void thePendingSnapshotLimitFailsTheVolumeWithWhatToDoAndNamesItsCause() {
        Ec2Exception limit = new Ec2Exception.SnapshotLimitExceeded("ConcurrentSnapshotLimitExceeded", "too many", null);
        willThrow(limit).given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());

        WorkflowResult result = service.snapshot(context(SOLR), WorkflowListener.NONE);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.cause()).isSameAs(limit);
        assertThat(result.volumes()).singleElement().extracting(VolumeOutcome::error).isEqualTo(
                "the volume has as many pending snapshots as EC2 allows (ConcurrentSnapshotLimitExceeded); snapshot it again "
                        + "once they have completed");
        then(freezer).should(times(1)).freeze(any(), any());
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRefusalInTheFallbackFailsOnlyItsOwnVolume() {
        willThrow(new Ec2Exception.Unsupported("InvalidAction", "not here", null))
                .given(ec2).createSnapshots(any(), anyCollection(), anyString(), anyMap());
        given(ec2.createSnapshot(eq("vol-1"), anyString(), anyMap())).willReturn(snapshot("snap-1", "vol-1", "/mnt/solr"));
        given(ec2.createSnapshot(eq("vol-2"), anyString(), anyMap()))
                .willThrow(new Ec2Exception.InvalidRequest("IncorrectState", "vol-2 is in error", null));

        WorkflowResult result = service.snapshot(context(SOLR, LOGS), WorkflowListener.NONE);

        assertThat(result.volumes()).extracting(VolumeOutcome::status)
                .containsExactly(VolumeOutcome.Status.DONE, VolumeOutcome.Status.FAILED);
        assertThat(result.volumes()).extracting(VolumeOutcome::snapshotId).containsExactly("snap-1", null);
        assertThat(result.volumes().get(1).error()).isEqualTo("vol-2 is in error");
        assertThat(result.cause()).isNull();
    }

    @Test
    void aFailingPreHookFailsTheSnapshotWithoutFreezing() {
        willThrow(new IllegalStateException("flush failed")).given(snapshotter).hook(Hook.PRE_SNAPSHOT, List.of(SOLR));

        WorkflowResult result = service.snapshot(context(SOLR), WorkflowListener.NONE);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).isEqualTo("pre-snapshot hook failed: flush failed");
        then(freezer).should(never()).freeze(any(), any());
        then(ec2).should(never()).createSnapshots(any(), any(), any(), any());
        then(snapshotter).should().hook(Hook.POST_SNAPSHOTS, List.of(SOLR));
    }

    @Test
    void aFailingPreHookGivesACrashConsistentSnapshotWhenTheSnapshotterSaysSo() {
        given(snapshotter.settings()).willReturn(new SnapshotterSettings(null, null, false, "{cluster} snapshot of {mount_point}",
                Retention.DEFAULT, null, Duration.ofSeconds(30), true, null, false, null, null, null, false, null, null));
        willThrow(new IllegalStateException("flush failed")).given(snapshotter).hook(eq(Hook.PRE_SNAPSHOTS), any());
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(snapshot("snap-1", "vol-1", "/mnt/solr")));

        WorkflowResult result = service.snapshot(context(SOLR), WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.volumes()).singleElement().extracting(VolumeOutcome::freezeMillis).isNull();
        then(freezer).should(never()).freeze(any(), any());
    }

    @Test
    void aVolumeThatIsNotAttachedFailsAloneAndTheOthersAreSnapshotted() {
        VolumeSpec missing = VolumeSpec.of("/dev/sdp", "/mnt/missing", 5);
        given(ec2.createSnapshots(any(), anyCollection(), anyString(), anyMap()))
                .willReturn(List.of(snapshot("snap-1", "vol-1", "/mnt/solr")));

        WorkflowResult result = service.snapshot(context(SOLR, missing), WorkflowListener.NONE);

        assertThat(result.volumes()).extracting(VolumeOutcome::status)
                .containsExactly(VolumeOutcome.Status.DONE, VolumeOutcome.Status.FAILED);
        assertThat(result.volumes().get(1).error()).isEqualTo("no EBS volume is attached at /dev/sdp; mount the snapshotter first");
        then(freezer).should().freeze(List.of("/mnt/solr"), Duration.ofSeconds(30));
    }

    private SnapshotterContext context(VolumeSpec... volumes) {
        return new SnapshotterContext(snapshotter, "i-1", "eu-west-1a", Map.of(), List.of(volumes), TAGS);
    }

    private static Snapshot snapshot(String id, String volumeId, String mountPoint) {
        Map<String, String> tags = new HashMap<>(TAGS);
        tags.put("mount_point", mountPoint);
        return new Snapshot(id, volumeId, "pending", "0%", Instant.EPOCH, 20, "", tags);
    }
}
