package io.snaptastic.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static io.snaptastic.mount.FormatAndMountAnswers.failsAt;
import static io.snaptastic.mount.FormatAndMountAnswers.mountsAs;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.HostException.FilesystemCheckException;
import io.snaptastic.host.Mounter;
import io.snaptastic.host.FilesystemMount;
import io.snaptastic.host.FilesystemMount.Origin;
import io.snaptastic.host.FilesystemMount.Phase;
import io.snaptastic.host.FormatAndMount;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.WorkflowListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** A mount where an unmount kept a volume of the mount point: the warning, prefer-retained, and its failure. */
class MountRetainedVolumeTests {

    static final VolumeSpec SOLR = VolumeSpec.of("/dev/sdf", "/mnt/solr", 20);
    static final Map<String, String> TAGS = Map.of("role", "solr", "cluster", "solr", "environment", "prod");
    static final Path DEVICE = Path.of("/dev/nvme1n1");
    static final Instant SNAPSHOT_STARTED = Instant.parse("2026-11-02T00:00:00Z");

    final Ec2 ec2 = mock(Ec2.class);
    final FormatAndMount formatAndMount = mock(FormatAndMount.class);
    final Mounter mounter = mock(Mounter.class);
    final DeviceResolver resolver = mock(DeviceResolver.class);
    final Snapshotter snapshotter = mock(Snapshotter.class);
    final Timeouts timeouts = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(200),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 4);
    MountService service;

    @BeforeEach
    void setUp() {
        given(snapshotter.name()).willReturn("solr");
        given(snapshotter.settings()).willReturn(SnapshotterSettings.DEFAULT);
        given(mounter.mountedAt(anyString())).willReturn(Optional.empty());
        given(ec2.describeVolumes(anyMap())).willReturn(List.of());
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(snapshot()));
        service = new MountService(ec2, new SnapshotSelector(ec2, java.time.Clock.systemUTC()),
                new VolumeRestorer(ec2, formatAndMount, mounter, new DeviceAwaiter(resolver), timeouts),
                new MountState(mounter, resolver), 4);
    }

    @Test
    void aRestoreWarnsOfAVolumeAnUnmountKeptAfterTheSnapshotStarted() {
        givenKept(kept("vol-kept", SNAPSHOT_STARTED.plus(Duration.ofMinutes(125))));
        givenRestored("vol-new");

        VolumeOutcome outcome = mountOne();

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.DONE);
        assertThat(outcome.snapshotId()).isEqualTo("snap-1");
        assertThat(outcome.warning()).isEqualTo("volume vol-kept was kept by an unmount at 2026-11-02T02:05:00Z, 2 h 5 min "
                + "after snapshot snap-1 started (2026-11-02T00:00:00Z), the snapshot this mount restores instead: it may hold "
                + "newer writes; prefer-retained: true on snapshotter solr would reattach it");
        then(ec2).should(never()).attachVolume(eq("vol-kept"), any(), any());
    }

    @Test
    void noWarningForKeptVolumesOlderThanTheSnapshotOrNotAnUnmountsOrNotThisInstancesZoneOrMountPoint() {
        Instant later = SNAPSHOT_STARTED.plusSeconds(60);
        givenKept(kept("vol-older", SNAPSHOT_STARTED.minusSeconds(60)),
                withTags(kept("vol-failed", later), Map.of(ResourceTags.RETAINED_REASON, RetainedReason.FAILED_RESTORE.tagValue())),
                withTags(kept("vol-other-instance", later), Map.of(ResourceTags.INSTANCE_ID, "i-2")),
                withTags(kept("vol-other-mount-point", later), Map.of(ResourceTags.MOUNT_POINT, "/mnt/logs")),
                withTags(kept("vol-no-time", later), Map.of(ResourceTags.RETAINED_AT, "yesterday")),
                inZone(kept("vol-other-zone", later), "eu-west-1b"));
        givenRestored("vol-new");

        assertThat(mountOne().warning()).isNull();
    }

    @Test
    void withPreferRetainedTheNewestKeptVolumeIsReattachedCheckedMountedAndOnlyThenTaggedNotRetained() {
        preferRetained();
        givenKept(kept("vol-older", SNAPSHOT_STARTED.plusSeconds(10)), kept("vol-newest", SNAPSHOT_STARTED.plusSeconds(20)));
        given(resolver.resolve("vol-newest", "/dev/sdf")).willReturn(Optional.of(DEVICE));
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));

        VolumeOutcome outcome = mountOne();

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.DONE);
        assertThat(outcome.volumeId()).isEqualTo("vol-newest");
        assertThat(outcome.snapshotId()).isNull();
        assertThat(outcome.warning()).contains("reattached vol-newest", "prefer-retained");
        InOrder order = inOrder(ec2, formatAndMount, snapshotter);
        order.verify(snapshotter).hook(Hook.PRE_MOUNT, List.of(SOLR));
        order.verify(ec2).attachVolume("vol-newest", "i-1", "/dev/sdf");
        order.verify(ec2).awaitAttached(eq("vol-newest"), eq("i-1"), any(), any());
        order.verify(formatAndMount).mount(eq(FilesystemMount.of(DEVICE, "/mnt/solr", List.of("defaults"), Origin.KEPT)), any());
        order.verify(ec2).createTags(List.of("vol-newest"), Map.of(ResourceTags.RETAINED, "false"));
        order.verify(ec2).setDeleteOnTermination("i-1", "vol-newest", true);
        order.verify(snapshotter).hook(Hook.POST_MOUNT, List.of(SOLR));
        then(ec2).should(never()).createVolume(any());
        then(ec2).should(never()).attachVolume(eq("vol-older"), any(), any());
    }

    @Test
    void aKeptVolumeWhoseCheckFailsIsDetachedNormallyStaysRetainedAndFailsWithoutRestoringTheSnapshot() {
        preferRetained();
        givenKept(kept("vol-kept", SNAPSHOT_STARTED.plusSeconds(20)));
        given(resolver.resolve("vol-kept", "/dev/sdf")).willReturn(Optional.of(DEVICE));
        given(formatAndMount.mount(any(), any())).will(failsAt(new FilesystemCheckException("e2fsck left errors", 4), Phase.CHECK));
        given(ec2.findVolume("vol-kept")).willReturn(Optional.of(attached(kept("vol-kept", SNAPSHOT_STARTED))));

        VolumeOutcome outcome = mountOne();

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.FAILED);
        assertThat(outcome.volumeId()).isEqualTo("vol-kept");
        assertThat(outcome.snapshotId()).isNull();
        assertThat(outcome.error()).contains("the retained volume vol-kept", "e2fsck left errors",
                "detached again and stays tagged snaptastic:retained=true", "prefer-retained=false", "never formatted or deleted");
        then(ec2).should().detachVolume("vol-kept", "i-1", "/dev/sdf", false);
        then(ec2).should(never()).detachVolume(any(), any(), any(), eq(true));
        then(ec2).should(never()).deleteVolume(any());
        then(ec2).should(never()).createVolume(any());
        then(ec2).should(never()).createTags(any(), argThat(tags -> tags.containsKey(ResourceTags.RETAINED)));
        then(formatAndMount).should().mount(eq(FilesystemMount.of(DEVICE, "/mnt/solr", List.of("defaults"), Origin.KEPT)), any());
    }

    @Test
    void aKeptVolumeWithNoFilesystemIsNeverFormatted() {
        preferRetained();
        givenKept(kept("vol-kept", SNAPSHOT_STARTED.plusSeconds(20)));
        given(resolver.resolve("vol-kept", "/dev/sdf")).willReturn(Optional.of(DEVICE));
        given(formatAndMount.mount(any(), any())).will(failsAt(
                new IllegalStateException("blkid finds no filesystem on it; it is left unformatted"), Phase.CHECK));
        given(ec2.findVolume("vol-kept")).willReturn(Optional.of(attached(kept("vol-kept", SNAPSHOT_STARTED))));

        VolumeOutcome outcome = mountOne();

        assertThat(outcome.error()).contains("no filesystem", "left unformatted");
        then(formatAndMount).should().mount(eq(FilesystemMount.of(DEVICE, "/mnt/solr", List.of("defaults"), Origin.KEPT)), any());
        then(ec2).should().detachVolume("vol-kept", "i-1", "/dev/sdf", false);
    }

    @Test
    void aReattachCutShortIsFinishedByTheNextMountAndTaggedNotRetained() {
        givenAttachedKeptVolumeMadeEmpty();
        given(formatAndMount.mount(any(), any())).will(mountsAs("xfs"));

        VolumeOutcome outcome = mountOne();

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.DONE);
        InOrder order = inOrder(ec2, formatAndMount);
        order.verify(formatAndMount).mount(eq(FilesystemMount.of(DEVICE, "/mnt/solr", List.of("defaults"), Origin.SNAPSHOT)), any());
        order.verify(ec2).createTags(List.of("vol-kept"), Map.of(ResourceTags.RETAINED, "false"));
        then(ec2).should(never()).createVolume(any());
    }

    @Test
    void aKeptVolumeFoundAttachedIsNeverFormattedEvenIfItWasMadeEmpty() {
        givenAttachedKeptVolumeMadeEmpty();
        given(formatAndMount.mount(any(), any())).will(failsAt(
                new IllegalStateException("the volume restored from a snapshot holds no filesystem; it is left unformatted"), Phase.CHECK));

        VolumeOutcome outcome = mountOne();

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.FAILED);
        assertThat(outcome.error()).contains("holds no filesystem");
        // Retained, so never formatted even though it was made empty (SafeFormatAndMountHostTests).
        then(formatAndMount).should().mount(eq(FilesystemMount.of(DEVICE, "/mnt/solr", List.of("defaults"), Origin.SNAPSHOT)), any());
        then(ec2).should(never()).deleteVolume(any());
    }

    @Test
    void aKeptVolumeFoundStuckAttachingIsNeverRemoved() {
        Volume kept = kept("vol-kept", SNAPSHOT_STARTED);
        Volume stuck = new Volume("vol-kept", 20, "gp3", "in-use", "eu-west-1a", "snap-0", Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attaching", false)), kept.tags());
        given(ec2.describeVolumes(Map.of("attachment.instance-id", List.of("i-1")))).willReturn(List.of(stuck));
        given(ec2.findVolume("vol-kept")).willReturn(Optional.of(stuck));
        willThrow(new io.snaptastic.ec2.Ec2Exception.AttachmentStuck("the attachment of vol-kept to i-1 got stuck"))
                .given(ec2).awaitAttached(eq("vol-kept"), eq("i-1"), any(), any());

        VolumeOutcome outcome = mountOne();

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.FAILED);
        then(ec2).should(never()).deleteVolume(any());
        then(ec2).should(never()).detachVolume(any(), any(), any(), eq(true));
    }

    /** A kept volume first made empty (no snapshot id), attached at the device by a reattach that a crash cut short. */
    private void givenAttachedKeptVolumeMadeEmpty() {
        Volume reattached = attached(kept("vol-kept", SNAPSHOT_STARTED));
        Volume madeEmpty = new Volume("vol-kept", 20, "gp3", "in-use", "eu-west-1a", null, Instant.EPOCH,
                reattached.attachments(), reattached.tags());
        given(ec2.describeVolumes(Map.of("attachment.instance-id", List.of("i-1")))).willReturn(List.of(madeEmpty));
        given(resolver.resolve("vol-kept", "/dev/sdf")).willReturn(Optional.of(DEVICE));
    }

    @Test
    void aDryRunSaysWhichKeptVolumeItWouldReattachOrWarnsOfIt() {
        givenKept(kept("vol-kept", SNAPSHOT_STARTED.plusSeconds(20)));

        PlannedVolume restore = service.plan(context(), MountOptions.DEFAULT).get(0);
        preferRetained();
        PlannedVolume reattach = service.plan(context(), MountOptions.DEFAULT).get(0);

        assertThat(restore.state()).isEqualTo("restore");
        assertThat(restore.warning()).contains("volume vol-kept was kept by an unmount", "20 s after snapshot snap-1");
        assertThat(reattach.state()).isEqualTo("reattach-retained");
        assertThat(reattach.snapshotId()).isNull();
        assertThat(reattach.calls()).first().asString().startsWith("AttachVolume(vol-kept");
        assertThat(reattach.calls()).contains("CreateTags(snaptastic:retained=false)");
        then(ec2).should(never()).attachVolume(any(), any(), any());
    }

    private VolumeOutcome mountOne() {
        return service.mount(context(), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE).volumes().get(0);
    }

    private void preferRetained() {
        SnapshotterSettings d = SnapshotterSettings.DEFAULT;
        given(snapshotter.settings()).willReturn(new SnapshotterSettings(null, null, false, null, null, null, null,
                false, null, false, null, null, null, true, null, null));
    }

    private void givenKept(Volume... volumes) {
        given(ec2.describeVolumes(argThat(filters -> filters != null && filters.containsKey("tag:" + ResourceTags.RETAINED))))
                .willReturn(List.of(volumes));
    }

    private void givenRestored(String volumeId) {
        given(ec2.createVolume(any())).willReturn(new Volume(volumeId, 20, "gp3", "creating", "eu-west-1a", "snap-1",
                Instant.EPOCH, List.of(), Map.of()));
        given(resolver.resolve(volumeId, "/dev/sdf")).willReturn(Optional.of(DEVICE));
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));
    }

    private SnapshotterContext context() {
        return new SnapshotterContext(snapshotter, "i-1", "eu-west-1a", Map.of(), List.of(SOLR), TAGS);
    }

    private static Snapshot snapshot() {
        Map<String, String> tags = new HashMap<>(TAGS);
        tags.put("mount_point", "/mnt/solr");
        return new Snapshot("snap-1", "vol-old", "completed", "100%", SNAPSHOT_STARTED, 20, "", tags);
    }

    /** A volume as an unmount keeps it: available, with the agent's tags and the retained ones. */
    static Volume kept(String id, Instant retainedAt) {
        Map<String, String> tags = new HashMap<>(TAGS);
        tags.put(ResourceTags.MOUNT_POINT, "/mnt/solr");
        tags.put(ResourceTags.MANAGED, "true");
        tags.put(ResourceTags.SNAPSHOTTER, "solr");
        tags.put(ResourceTags.INSTANCE_ID, "i-1");
        tags.putAll(ResourceTags.retained(RetainedReason.UNMOUNT, retainedAt));
        return new Volume(id, 20, "gp3", "available", "eu-west-1a", "snap-0", Instant.EPOCH, List.of(), tags);
    }

    static Volume withTags(Volume volume, Map<String, String> overrides) {
        Map<String, String> tags = new HashMap<>(volume.tags());
        tags.putAll(overrides);
        return new Volume(volume.id(), 20, "gp3", "available", volume.availabilityZone(), "snap-0", Instant.EPOCH, List.of(), tags);
    }

    static Volume inZone(Volume volume, String zone) {
        return new Volume(volume.id(), 20, "gp3", "available", zone, "snap-0", Instant.EPOCH, List.of(), volume.tags());
    }

    static Volume attached(Volume volume) {
        return new Volume(volume.id(), 20, "gp3", "in-use", volume.availabilityZone(), "snap-0", Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attached", false)), volume.tags());
    }
}
