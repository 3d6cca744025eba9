package io.snaptastic.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static io.snaptastic.mount.FormatAndMountAnswers.mountsAs;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.NewVolume;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.Mounter;
import io.snaptastic.host.FilesystemMount;
import io.snaptastic.host.FilesystemMount.Origin;
import io.snaptastic.host.FormatAndMount;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import io.snaptastic.workflow.WorkflowResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class MountServiceTests {

    private static final VolumeSpec SOLR = VolumeSpec.of("/dev/sdf", "/mnt/solr", 20);
    private static final VolumeSpec LOGS = VolumeSpec.of("/dev/sdg", "/mnt/logs", 5);
    private static final Map<String, String> TAGS = Map.of("role", "solr", "cluster", "solr", "environment", "prod");
    private static final Path DEVICE_F = Path.of("/dev/nvme1n1");
    private static final Path DEVICE_G = Path.of("/dev/nvme2n1");

    private final Ec2 ec2 = mock(Ec2.class);
    private final FormatAndMount formatAndMount = mock(FormatAndMount.class);
    private final Mounter mounter = mock(Mounter.class);
    private final DeviceResolver resolver = mock(DeviceResolver.class);
    private final Snapshotter snapshotter = mock(Snapshotter.class);
    private final Timeouts timeouts = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(200),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 4);
    private MountService service;

    @BeforeEach
    void setUp() {
        given(snapshotter.name()).willReturn("solr");
        given(snapshotter.settings()).willReturn(SnapshotterSettings.DEFAULT);
        given(mounter.mountedAt(anyString())).willReturn(Optional.empty());
        given(ec2.describeVolumes(anyMap())).willReturn(List.of());
        service = new MountService(ec2, new SnapshotSelector(ec2, java.time.Clock.systemUTC()),
                new VolumeRestorer(ec2, formatAndMount, mounter, new DeviceAwaiter(resolver), timeouts),
                new MountState(mounter, resolver), 4);
    }

    @Test
    void restoresTheNewestCompletedSnapshotWithoutFormatting() {
        Snapshot older = snapshot("snap-old", "completed", "2026-11-01T00:00:00Z", 10);
        Snapshot newer = snapshot("snap-new", "completed", "2026-11-02T00:00:00Z", 30);
        Snapshot broken = snapshot("snap-err", "error", "2026-11-03T00:00:00Z", 30);
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(older, broken, newer));
        givenCreatedAndAttached("vol-1", SOLR, DEVICE_F);
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.DONE);
            assertThat(v.volumeId()).isEqualTo("vol-1");
            assertThat(v.snapshotId()).isEqualTo("snap-new");
        });
        InOrder order = inOrder(snapshotter, ec2, formatAndMount);
        order.verify(snapshotter).hook(Hook.PRE_MOUNTS, List.of(SOLR));
        order.verify(snapshotter).hook(Hook.PRE_MOUNT, List.of(SOLR));
        order.verify(ec2).createVolume(any());
        order.verify(ec2).awaitVolumeAvailable(eq("vol-1"), any());
        order.verify(ec2).attachVolume("vol-1", "i-1", "/dev/sdf");
        order.verify(ec2).awaitAttached(eq("vol-1"), eq("i-1"), any(), any());
        // Restored: never formatted, grown after the mount (SafeFormatAndMountHostTests).
        order.verify(formatAndMount).mount(eq(FilesystemMount.of(DEVICE_F, "/mnt/solr", List.of("defaults"), Origin.SNAPSHOT)), any());
        order.verify(ec2).setDeleteOnTermination("i-1", "vol-1", true);
        order.verify(snapshotter).hook(Hook.POST_MOUNT, List.of(SOLR));
        order.verify(snapshotter).hook(Hook.POST_MOUNTS, List.of(SOLR));
    }

    @Test
    void createsTheRestoredVolumeTaggedAtTheSnapshotsSizeWhenThatIsLarger() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(snapshot("snap-new", "completed", "2026-11-02T00:00:00Z", 30)));
        givenCreatedAndAttached("vol-1", SOLR, DEVICE_F);
        given(formatAndMount.mount(any(), any())).will(mountsAs("xfs"));

        service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        then(ec2).should().createVolume(org.mockito.ArgumentMatchers.argThat((NewVolume v) ->
                v.sizeGib() == 30 && "snap-new".equals(v.snapshotId()) && "eu-west-1a".equals(v.availabilityZone())
                        && "/mnt/solr".equals(v.tags().get("mount_point")) && "solr".equals(v.tags().get("role"))
                        && "true".equals(v.tags().get("snaptastic:managed"))
                        && v.clientToken().equals(NewVolumes.clientToken("op-1", "i-1", "/dev/sdf"))));
        then(formatAndMount).should().mount(eq(FilesystemMount.of(DEVICE_F, "/mnt/solr", List.of("defaults"), Origin.SNAPSHOT)), any());
    }

    @Test
    void formatsAFreshVolumeWhenNoSnapshotMatches() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());
        givenCreatedAndAttached("vol-1", SOLR, DEVICE_F);
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        then(ec2).should().createVolume(org.mockito.ArgumentMatchers.argThat((NewVolume v) -> v.snapshotId() == null && v.sizeGib() == 20));
        then(formatAndMount).should().mount(eq(FilesystemMount.empty(DEVICE_F, "/mnt/solr", List.of("defaults"), "ext4")), any());
    }

    @Test
    void aFailedAttachLeavesNoVolumeBehindAndTheOtherVolumeStillMounts() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());
        given(ec2.createVolume(any())).willAnswer(inv -> {
            NewVolume request = inv.getArgument(0);
            return volume(request.tags().get("mount_point").equals("/mnt/solr") ? "vol-1" : "vol-2", List.of());
        });
        willThrow(new Ec2Exception.DeviceInUse("InvalidParameterValue", "AttachVolume vol-1: the device name is already in use"
                + " on the instance, by a volume or an AMI or instance-store mapping; configure another device", null))
                .given(ec2).attachVolume("vol-1", "i-1", "/dev/sdf");
        given(ec2.findVolume("vol-1")).willReturn(Optional.of(volume("vol-1", List.of())));
        given(resolver.resolve("vol-2", "/dev/sdg")).willReturn(Optional.of(DEVICE_G));
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));

        WorkflowResult result = service.mount(context(SOLR, LOGS), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.volumes()).extracting(VolumeOutcome::status)
                .containsExactly(VolumeOutcome.Status.FAILED, VolumeOutcome.Status.DONE);
        assertThat(result.volumes().get(0).step()).isEqualTo(VolumeStep.ATTACH);
        assertThat(result.volumes().get(0).error()).contains("already in use");
        then(ec2).should().deleteVolume("vol-1");
        then(ec2).should(never()).deleteVolume("vol-2");
        then(formatAndMount).should().mount(eq(FilesystemMount.empty(DEVICE_G, "/mnt/logs", List.of("defaults"), "ext4")), any());
    }

    @Test
    void anInstanceAtItsAttachmentLimitLeavesNoVolumeBehind() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());
        given(ec2.createVolume(any())).willReturn(volume("vol-1", List.of()));
        willThrow(new Ec2Exception.AttachmentLimitExceeded("AttachmentLimitExceeded",
                "AttachVolume vol-1: the instance has as many volumes attached as it can take", null))
                .given(ec2).attachVolume("vol-1", "i-1", "/dev/sdf");
        given(ec2.findVolume("vol-1")).willReturn(Optional.of(volume("vol-1", List.of())));

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.FAILED);
            assertThat(v.step()).isEqualTo(VolumeStep.ATTACH);
            assertThat(v.error()).contains("as many volumes attached as it can take");
        });
        then(ec2).should(never()).detachVolume(any(), any(), any(), anyBoolean());
        then(ec2).should().deleteVolume("vol-1");
    }

    @Test
    void aStuckAttachmentIsDetachedByForceOnlyAfterANormalDetachIsRefusedAndTheNewVolumeDeleted() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());
        given(ec2.createVolume(any())).willReturn(volume("vol-1", List.of()));
        willThrow(new Ec2Exception.AttachmentStuck("the attachment of vol-1 to i-1 got stuck: still attaching after 90 s"))
                .given(ec2).awaitAttached(eq("vol-1"), eq("i-1"), any(), eq(timeouts.stuckAttaching()));
        Volume attaching = new Volume("vol-1", 20, "gp3", "in-use", "eu-west-1a", null, Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attaching", false)), Map.of());
        given(ec2.findVolume("vol-1")).willReturn(Optional.of(attaching));
        // The sandbox's answer (EC2's, by CSI's reading, may accept it): an attaching volume needs Force.
        willThrow(new Ec2Exception.Conflict("IncorrectState", "Volume 'vol-1' is still attaching; detach it with Force.", null))
                .given(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.FAILED);
            assertThat(v.step()).isEqualTo(VolumeStep.AWAIT_ATTACHED);
            assertThat(v.error()).contains("got stuck");
        });
        // Forced only once refused: it never completed and was never mounted, so no data can be lost.
        InOrder order = inOrder(ec2);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", true);
        order.verify(ec2).awaitDetached(eq("vol-1"), any());
        order.verify(ec2).deleteVolume("vol-1");
        then(formatAndMount).should(never()).mount(any(), any());
    }

    @Test
    void aManagedVolumeFoundStuckAttachingAtTheDeviceIsRemovedNotAdopted() {
        Volume stuck = new Volume("vol-1", 20, "gp3", "in-use", "eu-west-1a", null, Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attaching", false)), Map.of("role", "solr", "cluster", "solr",
                        "environment", "prod", "mount_point", "/mnt/solr", "snaptastic:managed", "true"));
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(stuck));
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());
        given(ec2.findVolume("vol-1")).willReturn(Optional.of(stuck));
        willThrow(new Ec2Exception.AttachmentStuck("the attachment of vol-1 to i-1 got stuck: still attaching after 90 s"))
                .given(ec2).awaitAttached(eq("vol-1"), eq("i-1"), any(), eq(timeouts.stuckAttaching()));
        willThrow(new Ec2Exception.Conflict("IncorrectState", "Volume 'vol-1' is still attaching; detach it with Force.", null))
                .given(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-3", WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().satisfies(v -> assertThat(v.error()).contains("never finished attaching"));
        InOrder order = inOrder(ec2);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", true);
        order.verify(ec2).deleteVolume("vol-1");
        then(formatAndMount).should(never()).mount(any(), any());
    }

    @Test
    void reportsAVolumeAlreadyMountedFromItsOwnEbsVolumeWithoutRedoingIt() throws Exception {
        Path device = java.nio.file.Files.createTempFile("device", "");
        try {
            Volume attached = attachedVolume("vol-1", "/dev/sdf", Map.of("role", "solr", "cluster", "solr", "environment", "prod",
                    "mount_point", "/mnt/solr"));
            given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached));
            given(ec2.describeSnapshots(anyMap())).willReturn(List.of());
            given(mounter.mountedAt("/mnt/solr")).willReturn(Optional.of(mountEntry(device.toString())));
            given(resolver.resolve("vol-1", "/dev/sdf")).willReturn(Optional.of(device));

            WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-2", WorkflowListener.NONE);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.volumes()).singleElement().extracting(VolumeOutcome::status)
                    .isEqualTo(VolumeOutcome.Status.ALREADY_MOUNTED);
            then(ec2).should(never()).createVolume(any());
            then(formatAndMount).should(never()).mount(any(), any());
        } finally {
            java.nio.file.Files.deleteIfExists(device);
        }
    }

    @Test
    void refusesToMountOverSomethingElseUnlessToldToIgnoreIt() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());
        given(mounter.mountedAt("/mnt/solr")).willReturn(Optional.of(mountEntry("/dev/vdb")));

        WorkflowResult blocked = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);
        WorkflowResult skipped = service.mount(context(SOLR), new MountOptions(false, true), "op-2", WorkflowListener.NONE);

        assertThat(blocked.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.FAILED);
            assertThat(v.error()).isEqualTo("/mnt/solr is already mounted from /dev/vdb; unmount it first, or mount with ignoreMounted");
        });
        assertThat(skipped.volumes()).singleElement().extracting(VolumeOutcome::status).isEqualTo(VolumeOutcome.Status.SKIPPED);
        assertThat(skipped.succeeded()).isTrue();
        then(ec2).should(never()).createVolume(any());
    }

    @Test
    void refusesADeviceTakenByAVolumeThatIsNotThisSnapshotters() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attachedVolume("vol-9", "/dev/xvdf", Map.of("Name", "other"))));
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().extracting(VolumeOutcome::error)
                .isEqualTo("device /dev/sdf is taken by vol-9, which is not this snapshotter's volume for /mnt/solr");
        then(ec2).should(never()).createVolume(any());
    }

    @Test
    void waitsForAPendingNewestSnapshotAndRestoresIt() {
        Snapshot pending = snapshot("snap-p", "pending", "2026-11-05T00:00:00Z", 20);
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(snapshot("snap-old", "completed", "2026-11-01T00:00:00Z", 20), pending));
        given(ec2.awaitSnapshotCompleted(eq("snap-p"), any())).willReturn(snapshot("snap-p", "completed", "2026-11-05T00:00:00Z", 20));
        givenCreatedAndAttached("vol-1", SOLR, DEVICE_F);
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().extracting(VolumeOutcome::snapshotId).isEqualTo("snap-p");
    }

    @Test
    void restoresTheNewestCompletedSnapshotWithAWarningWhenTheNewerStaysPending() {
        Snapshot pending = snapshot("snap-p", "pending", "2026-11-05T00:00:00Z", 20);
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(snapshot("snap-old", "completed", "2026-11-01T00:00:00Z", 20), pending));
        given(ec2.awaitSnapshotCompleted(eq("snap-p"), any()))
                .willThrow(new Ec2Exception.WaitFailed("waiting for snapshot snap-p to complete within PT10M"));
        given(ec2.findSnapshot("snap-p")).willReturn(Optional.of(pending));
        givenCreatedAndAttached("vol-1", SOLR, DEVICE_F);
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));
        List<VolumeOutcome> updates = new java.util.ArrayList<>();

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", updates::add);

        assertThat(result.succeeded()).isTrue();
        VolumeOutcome outcome = result.volumes().get(0);
        assertThat(outcome.snapshotId()).isEqualTo("snap-old");
        assertThat(outcome.warning()).contains("snap-old", "snap-p", "still pending after PT10M");
        assertThat(updates.get(updates.size() - 1).warning()).isEqualTo(outcome.warning());
    }

    @Test
    void aFailingPreMountsHookCreatesNothing() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());
        willThrow(new IllegalStateException("service postgresql stop failed")).given(snapshotter).hook(eq(Hook.PRE_MOUNTS), any());

        WorkflowResult result = service.mount(context(SOLR), MountOptions.DEFAULT, "op-1", WorkflowListener.NONE);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).isEqualTo("pre_mounts hook failed: service postgresql stop failed");
        then(ec2).should(never()).createVolume(any());
        then(snapshotter).should(never()).hook(eq(Hook.POST_MOUNTS), any());
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndChangesNothing() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of(snapshot("snap-new", "completed", "2026-11-02T00:00:00Z", 30)));

        List<PlannedVolume> plan = service.plan(context(SOLR, LOGS), MountOptions.DEFAULT);

        assertThat(plan).extracting(PlannedVolume::state).containsExactly("restore", "fresh");
        assertThat(plan.get(0).snapshotId()).isEqualTo("snap-new");
        assertThat(plan.get(0).calls()).startsWith("CreateVolume(from snap-new, 30 GiB gp3)", "AttachVolume(/dev/sdf)",
                "e2fsck -p for ext3/ext4", "mount /mnt/solr", "grow the filesystem online if the volume is larger");
        assertThat(plan.get(1).calls()).contains("mkfs.ext4");
        then(ec2).should(never()).createVolume(any());
        then(snapshotter).should(never()).hook(eq(Hook.PRE_MOUNTS), any());
        then(snapshotter).should(never()).hook(eq(Hook.PRE_MOUNT), any());
    }

    private void givenCreatedAndAttached(String volumeId, VolumeSpec spec, Path device) {
        given(ec2.createVolume(any())).willReturn(volume(volumeId, List.of()));
        given(resolver.resolve(volumeId, spec.device())).willReturn(Optional.of(device));
    }

    private SnapshotterContext context(VolumeSpec... volumes) {
        return new SnapshotterContext(snapshotter, "i-1", "eu-west-1a", Map.of(), List.of(volumes), TAGS);
    }

    private static Snapshot snapshot(String id, String state, String start, int size) {
        Map<String, String> tags = new java.util.HashMap<>(TAGS);
        tags.put("mount_point", "/mnt/solr");
        return new Snapshot(id, "vol-old", state, "100%", Instant.parse(start), size, "", tags);
    }

    private static Volume volume(String id, List<Volume.Attachment> attachments) {
        return new Volume(id, 20, "gp3", "available", "eu-west-1a", null, Instant.EPOCH, attachments, Map.of());
    }

    private static Volume attachedVolume(String id, String device, Map<String, String> tags) {
        return new Volume(id, 20, "gp3", "in-use", "eu-west-1a", null, Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", device, "attached", true)), tags);
    }

    private static MountEntry mountEntry(String source) {
        return new MountEntry(1, 0, "7:0", "/", "/mnt/solr", List.of("rw"), "ext4", source, List.of("rw"));
    }
}
