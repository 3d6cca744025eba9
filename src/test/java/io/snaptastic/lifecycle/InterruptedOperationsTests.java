package io.snaptastic.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.snaptastic.ec2.Volume;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeOutcome.Status;
import io.snaptastic.workflow.VolumeStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InterruptedOperationsTests {

    static final Instant STARTED = Instant.parse("2026-11-29T12:00:00Z");

    final OwnVolumes volumes = mock(OwnVolumes.class);
    final InterruptedOperations reconciler = new InterruptedOperations(volumes);

    @Test
    void releasesTheVolumeAMountCreatedAndNamesItInTheReason() {
        Volume created = volume("vol-1", STARTED.plusSeconds(1));
        given(volumes.find("vol-1")).willReturn(Optional.of(created));
        given(volumes.ours(created)).willReturn(true);
        given(volumes.release(created)).willReturn("detached and deleted vol-1");

        String reason = reconciler.reconcile(mount(running("/dev/sdf", "/mnt/a", "vol-1", VolumeStep.ATTACH)));

        assertThat(reason).isEqualTo("/dev/sdf stopped at step attach; detached and deleted vol-1");
    }

    @Test
    void releasesTheVolumesOfOneOperationSideBySideAndSaysSoInTheirOrder() {
        InterruptedOperations parallel = new InterruptedOperations(volumes, 2);
        CyclicBarrier bothReleasing = new CyclicBarrier(2);
        for (String id : List.of("vol-6", "vol-7")) {
            Volume created = volume(id, STARTED.plusSeconds(1));
            given(volumes.find(id)).willReturn(Optional.of(created));
            given(volumes.ours(created)).willReturn(true);
            // Each release waits for the other to have started: one at a time, neither would return.
            given(volumes.release(created)).willAnswer(invocation -> {
                bothReleasing.await(10, TimeUnit.SECONDS);
                return "deleted " + id;
            });
        }

        String reason = parallel.reconcile(mount(
                running("/dev/sdf", "/mnt/a", "vol-6", VolumeStep.ATTACH),
                running("/dev/sdg", "/mnt/b", "vol-7", VolumeStep.ATTACH)));

        assertThat(reason).isEqualTo("/dev/sdf stopped at step attach; deleted vol-6; /dev/sdg stopped at step attach; deleted vol-7");
    }

    @Test
    void findsTheVolumeByItsTagsWhenTheCrashCameBeforeItsIdWasJournalled() {
        Volume created = volume("vol-2", STARTED.plusSeconds(1));
        given(volumes.find("solr", "/mnt/a")).willReturn(List.of(created));
        given(volumes.ours(created)).willReturn(true);
        given(volumes.release(created)).willReturn("deleted vol-2");

        String reason = reconciler.reconcile(mount(running("/dev/sdf", "/mnt/a", null, VolumeStep.CREATE_VOLUME)));

        assertThat(reason).contains("deleted vol-2");
    }

    @Test
    void leavesAVolumeOlderThanTheOperationItWasResumedNotCreated() {
        Volume older = volume("vol-3", STARTED.minusSeconds(3600));
        given(volumes.find("vol-3")).willReturn(Optional.of(older));
        given(volumes.ours(older)).willReturn(true);

        reconciler.reconcile(mount(running("/dev/sdf", "/mnt/a", "vol-3", VolumeStep.CHECK_FILESYSTEM)));

        then(volumes).should(never()).release(older);
    }

    @Test
    void leavesAKeptVolumeThatAMountWasReattachingWhetherItsIdWasJournalledOrNot() {
        Volume kept = retainedByAnUnmount("vol-8", STARTED.minus(java.time.Duration.ofDays(1)));
        given(volumes.find("vol-8")).willReturn(Optional.of(kept));
        given(volumes.find("solr", "/mnt/a")).willReturn(List.of(kept));
        given(volumes.ours(kept)).willReturn(true);

        String reattaching = reconciler.reconcile(mount(running("/dev/sdf", "/mnt/a", "vol-8", VolumeStep.AWAIT_ATTACHED)));
        String beforeTheId = reconciler.reconcile(mount(running("/dev/sdf", "/mnt/a", null, VolumeStep.PRE_MOUNT_HOOK)));

        then(volumes).should(never()).release(kept);
        then(volumes).should(never()).retain(eq(kept), any());
        assertThat(reattaching).isEqualTo("/dev/sdf stopped at step await-attached");
        assertThat(beforeTheId).isEqualTo("/dev/sdf stopped at step pre-mount-hook");
    }

    @Test
    void leavesVolumesThatAreNotOursAndThoseOfFinishedVolumes() {
        Volume foreign = volume("vol-4", STARTED.plusSeconds(1));
        given(volumes.find("vol-4")).willReturn(Optional.of(foreign));
        given(volumes.ours(foreign)).willReturn(false);

        reconciler.reconcile(mount(running("/dev/sdf", "/mnt/a", "vol-4", VolumeStep.ATTACH),
                new VolumeOutcome("/dev/sdg", "/mnt/b", "vol-5", null, VolumeStep.DONE, Status.DONE, null, null, null)));

        then(volumes).should(never()).release(foreign);
        then(volumes).should(never()).find("vol-5");
    }

    @Test
    void anInterruptedSnapshotSaysItsFreezeWasThawed() {
        Operation snapshot = new Operation("op-1", OperationType.SNAPSHOT, "solr", OperationStatus.RUNNING, STARTED, null,
                List.of(running("/dev/sdf", "/mnt/a", "vol-1", VolumeStep.FREEZE)), null, Map.of());

        assertThat(reconciler.reconcile(snapshot)).contains("stopped at step freeze", "/mnt/a was thawed");
    }

    @Test
    void namesAStepThisAgentDoesNotKnowAsTheJournalWroteIt() {
        Volume created = volume("vol-1", STARTED.plusSeconds(1));
        given(volumes.find("vol-1")).willReturn(Optional.of(created));
        given(volumes.ours(created)).willReturn(true);
        given(volumes.release(created)).willReturn("deleted vol-1");
        VolumeOutcome newer = new VolumeOutcome("/dev/sdf", "/mnt/a", "vol-1", null, VolumeStep.UNKNOWN, Status.RUNNING, null,
                null, null, new VolumeOutcome.Unrecognised("resize-partition", null));

        assertThat(reconciler.reconcile(mount(newer))).isEqualTo("/dev/sdf stopped at step resize-partition; deleted vol-1");
    }

    @Test
    void leavesAVolumeWhoseStatusThisAgentDoesNotKnow() {
        VolumeOutcome newer = new VolumeOutcome("/dev/sdf", "/mnt/a", "vol-1", null, VolumeStep.ATTACH, Status.UNKNOWN, null,
                null, null, new VolumeOutcome.Unrecognised(null, "paused"));

        assertThat(reconciler.reconcile(mount(newer))).isEmpty();
        then(volumes).shouldHaveNoInteractions();
    }

    @Test
    void anInterruptedKeepingUnmountKeepsItsVolumeTaggedRetained() {
        Volume detaching = volume("vol-6", STARTED.minusSeconds(3600));
        given(volumes.find("vol-6")).willReturn(Optional.of(detaching));
        given(volumes.ours(detaching)).willReturn(true);

        String reason = reconciler.reconcile(unmount(false, detachStep("vol-6")));

        then(volumes).should().retain(detaching, RetainedReason.UNMOUNT);
        then(volumes).should(never()).release(detaching);
        assertThat(reason).contains("stopped at step detach", "vol-6 kept, tagged snaptastic:retained=true");
    }

    @Test
    void anInterruptedKeepingUnmountLeavesAStillMountedVolumeUntagged() {
        Volume mounted = volume("vol-7", STARTED.minusSeconds(3600));
        given(volumes.find("vol-7")).willReturn(Optional.of(mounted));
        given(volumes.ours(mounted)).willReturn(true);
        given(volumes.mounted(mounted)).willReturn(true);

        assertThat(reconciler.reconcile(unmount(false, detachStep("vol-7")))).contains("vol-7 left: it is still mounted");
        then(volumes).should(never()).retain(eq(mounted), any());
    }

    @Test
    void anInterruptedDeletingUnmountFinishesTheDeleteOfItsOwnVolumeOnly() {
        Volume own = volume("vol-8", STARTED.minusSeconds(3600));
        Volume foreign = volume("vol-9", STARTED.minusSeconds(3600));
        given(volumes.find("vol-8")).willReturn(Optional.of(own));
        given(volumes.find("vol-9")).willReturn(Optional.of(foreign));
        given(volumes.ours(own)).willReturn(true);
        given(volumes.release(own)).willReturn("deleted vol-8");

        String reason = reconciler.reconcile(unmount(true, detachStep("vol-8"),
                running("/dev/sdg", "/mnt/b", "vol-9", VolumeStep.AWAIT_DETACHED)));

        assertThat(reason).contains("deleted vol-8", "vol-9 left: not created by this agent");
        then(volumes).should(never()).release(foreign);
        then(volumes).should(never()).retain(eq(own), any());
    }

    static VolumeOutcome detachStep(String volumeId) {
        return running("/dev/sdf", "/mnt/a", volumeId, VolumeStep.DETACH);
    }

    static VolumeOutcome running(String device, String mountPoint, String volumeId, VolumeStep step) {
        return new VolumeOutcome(device, mountPoint, volumeId, null, step, Status.RUNNING, null, null, null);
    }

    static Operation unmount(boolean deleteVolumes, VolumeOutcome... results) {
        return new Operation("op-2", OperationType.UNMOUNT, "solr", OperationStatus.RUNNING, STARTED, null, List.of(results),
                null, Map.of("deleteVolumes", deleteVolumes));
    }

    static Operation mount(VolumeOutcome... results) {
        return new Operation("op-1", OperationType.MOUNT, "solr", OperationStatus.RUNNING, STARTED, null, List.of(results),
                null, Map.of());
    }

    /** As an unmount keeps a volume: detached, tagged retained with reason unmount, made long before. */
    static Volume retainedByAnUnmount(String id, Instant created) {
        Map<String, String> tags = new java.util.HashMap<>(volume(id, created).tags());
        tags.putAll(ResourceTags.retained(RetainedReason.UNMOUNT, STARTED.minusSeconds(60)));
        return new Volume(id, 1, "gp3", "available", "az", null, created, List.of(), tags);
    }

    static Volume volume(String id, Instant created) {
        return new Volume(id, 1, "gp3", "in-use", "az", null, created, List.of(),
                Map.of(ResourceTags.MANAGED, "true", ResourceTags.INSTANCE_ID, "i-1", ResourceTags.SNAPSHOTTER, "solr"));
    }
}
