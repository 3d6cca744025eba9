package io.snaptastic.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.snaptastic.ec2.Volume;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class VolumeReaperTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    final OwnVolumes volumes = mock(OwnVolumes.class);
    final Operations operations = mock(Operations.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicReference<ConfiguredMountPoints> configured =
            new AtomicReference<>(new ConfiguredMountPoints(Map.of("solr", Set.of("/mnt/solr")), Set.of()));
    final VolumeReaper reaper = new VolumeReaper(volumes, operations, configured::get, Duration.ofHours(1), clock, meters);

    @BeforeEach
    void unusedAsOwnVolumesSaysIt() {
        given(volumes.unused(any())).willAnswer(call -> OwnVolumes.unused(call.getArgument(0), "i-1"));
        given(volumes.unconfigured(any(), any()))
                .willAnswer(call -> OwnVolumes.unconfigured(call.getArgument(0), "i-1", call.getArgument(1)));
    }

    @Test
    void deletesAVolumeOnlyOnceItHasBeenSeenAvailableLongerThanTheThreshold() {
        Volume leaked = volume("vol-1", "solr", "available");
        given(volumes.find(null, null)).willReturn(List.of(leaked));

        assertThat(reaper.reap()).isEmpty();
        clock.advance(Duration.ofMinutes(59));
        assertThat(reaper.reap()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(reaper.reap()).containsExactly("vol-1");

        then(volumes).should().release(leaked);
        assertThat(meters.get("snaptastic.reaper.volumes.deleted").counter().count()).isEqualTo(1);
    }

    @Test
    void aVolumeAttachedInBetweenStartsOver() {
        Volume leaked = volume("vol-1", "solr", "available");
        given(volumes.find(null, null)).willReturn(List.of(leaked));
        reaper.reap();
        given(volumes.find(null, null)).willReturn(List.of());
        clock.advance(Duration.ofMinutes(30));
        reaper.reap();
        given(volumes.find(null, null)).willReturn(List.of(leaked));
        clock.advance(Duration.ofMinutes(40));

        assertThat(reaper.reap()).isEmpty();
    }

    @Test
    void leavesVolumesInUseAndThoseOfABusySnapshotter() {
        Volume inUse = volume("vol-1", "solr", "in-use");
        Volume busy = volume("vol-2", "pg", "available");
        given(volumes.find(null, null)).willReturn(List.of(inUse, busy));
        given(operations.list()).willReturn(List.of(Operation.started("op-1", OperationType.MOUNT, "pg", clock.instant())));
        reaper.reap();
        clock.advance(Duration.ofHours(2));

        assertThat(reaper.reap()).isEmpty();
        then(volumes).should(never()).release(inUse);
        then(volumes).should(never()).release(busy);
    }

    @Test
    void neverReapsAVolumeAnUnmountKeptOnPurpose() {
        Volume kept = new Volume("vol-3", 1, "gp3", "available", "az", null, Instant.EPOCH, List.of(),
                Map.of(ResourceTags.MANAGED, "true", ResourceTags.SNAPSHOTTER, "solr", ResourceTags.RETAINED, "true"));
        given(volumes.find(null, null)).willReturn(List.of(kept));
        reaper.reap();
        clock.advance(Duration.ofDays(30));

        assertThat(reaper.reap()).isEmpty();
        then(volumes).should(never()).release(kept);
    }

    @Test
    void reapsAVolumeStuckAttachingHereButNotOneAttachedOrAttachingElsewhere() {
        Volume stuck = attachedVolume("vol-4", "i-1", "attaching");
        Volume attached = attachedVolume("vol-5", "i-1", "attached");
        Volume elsewhere = attachedVolume("vol-6", "i-2", "attaching");
        given(volumes.find(null, null)).willReturn(List.of(stuck, attached, elsewhere));
        reaper.reap();
        clock.advance(Duration.ofHours(2));

        assertThat(reaper.reap()).containsExactly("vol-4");
        then(volumes).should().release(stuck);
    }

    @Test
    void tagsRetainedThenDetachesAnAttachedVolumeNoConfiguredMountPointUsesOnceOverTheThreshold() {
        Volume elsewhere = attachedVolume("vol-7", "i-1", "attached", "/mnt/old");
        given(volumes.find(null, null)).willReturn(List.of(elsewhere));

        reaper.reap();
        clock.advance(Duration.ofMinutes(59));
        reaper.reap();
        then(volumes).should(never()).retain(any(), any(), any());
        clock.advance(Duration.ofMinutes(1));

        assertThat(reaper.reap()).as("nothing deleted").isEmpty();
        InOrder order = inOrder(volumes);
        order.verify(volumes).retain(elsewhere, RetainedReason.UNCONFIGURED, clock.instant());
        order.verify(volumes).detach(elsewhere);
        then(volumes).should(never()).release(any());
        assertThat(meters.get("snaptastic.reaper.volumes.retained").counter().count()).isEqualTo(1);
    }

    @Test
    void leavesAttachedAVolumeWhoseSnapshotterAndMountPointAreConfiguredOrWhoseSnapshotterIsUnresolved() {
        Volume configuredOne = attachedVolume("vol-8", "i-1", "attached", "/mnt/solr");
        Volume unresolved = new Volume("vol-9", 1, "gp3", "in-use", "az", null, Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdg", "attached", false)),
                Map.of(ResourceTags.MANAGED, "true", ResourceTags.SNAPSHOTTER, "pg", ResourceTags.MOUNT_POINT, "/mnt/pg"));
        configured.set(new ConfiguredMountPoints(Map.of("solr", Set.of("/mnt/solr")), Set.of("pg")));
        given(volumes.find(null, null)).willReturn(List.of(configuredOne, unresolved));
        reaper.reap();
        clock.advance(Duration.ofDays(2));

        reaper.reap();

        then(volumes).should(never()).retain(any(), any(), any());
        then(volumes).should(never()).detach(any());
    }

    @Test
    void neverTouchesAnUnconfiguredVolumeWhileItIsMountedOrItsSnapshotterIsBusy() {
        Volume mounted = attachedVolume("vol-10", "i-1", "attached", "/mnt/old");
        Volume busy = new Volume("vol-11", 1, "gp3", "in-use", "az", null, Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdg", "attached", false)),
                Map.of(ResourceTags.MANAGED, "true", ResourceTags.SNAPSHOTTER, "pg", ResourceTags.MOUNT_POINT, "/mnt/pg"));
        given(volumes.find(null, null)).willReturn(List.of(mounted, busy));
        given(volumes.mounted(mounted)).willReturn(true);
        given(operations.list()).willReturn(List.of(Operation.started("op-1", OperationType.MOUNT, "pg", clock.instant())));
        reaper.reap();
        clock.advance(Duration.ofDays(2));
        reaper.reap();
        given(volumes.mounted(mounted)).willReturn(false);
        given(operations.list()).willReturn(List.of());

        reaper.reap();

        then(volumes).should(never()).retain(any(), any(), any());
        then(volumes).should(never()).detach(any());
        clock.advance(Duration.ofHours(1));
        reaper.reap();
        then(volumes).should().detach(mounted);
        then(volumes).should().detach(busy);
    }

    @Test
    void aRetainedUnconfiguredVolumeWhoseDetachFailedIsDetachedAgainWithoutRetagging() {
        Volume tagged = new Volume("vol-12", 1, "gp3", "in-use", "az", null, Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attached", false)),
                Map.of(ResourceTags.MANAGED, "true", ResourceTags.SNAPSHOTTER, "solr", ResourceTags.MOUNT_POINT, "/mnt/old",
                        ResourceTags.RETAINED, "true"));
        given(volumes.find(null, null)).willReturn(List.of(tagged));
        reaper.reap();
        clock.advance(Duration.ofHours(2));

        reaper.reap();

        then(volumes).should().detach(tagged);
        then(volumes).should(never()).retain(any(), any(), any());
    }

    static Volume attachedVolume(String id, String instanceId, String attachmentState, String mountPoint) {
        return new Volume(id, 1, "gp3", "in-use", "az", null, Instant.EPOCH,
                List.of(new Volume.Attachment(instanceId, "/dev/sdf", attachmentState, false)),
                Map.of(ResourceTags.MANAGED, "true", ResourceTags.SNAPSHOTTER, "solr", ResourceTags.MOUNT_POINT, mountPoint));
    }

    static Volume attachedVolume(String id, String instanceId, String attachmentState) {
        return new Volume(id, 1, "gp3", "in-use", "az", null, Instant.EPOCH,
                List.of(new Volume.Attachment(instanceId, "/dev/sdf", attachmentState, false)),
                Map.of(ResourceTags.MANAGED, "true", ResourceTags.SNAPSHOTTER, "solr"));
    }

    static Volume volume(String id, String snapshotter, String state) {
        return new Volume(id, 1, "gp3", state, "az", null, Instant.EPOCH, List.of(),
                Map.of(ResourceTags.MANAGED, "true", ResourceTags.SNAPSHOTTER, snapshotter));
    }
}
