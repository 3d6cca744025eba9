package io.snaptastic.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static io.snaptastic.mount.FormatAndMountAnswers.failsAt;
import static io.snaptastic.mount.FormatAndMountAnswers.growFails;
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
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.HostException.FilesystemCheckException;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostException.MountBusyException;
import io.snaptastic.host.HostException.MountFailedException;
import io.snaptastic.host.Mounter;
import io.snaptastic.host.FilesystemMount;
import io.snaptastic.host.FilesystemMount.Origin;
import io.snaptastic.host.FilesystemMount.Phase;
import io.snaptastic.host.FormatAndMount;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
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

/** What a failed restore leaves behind: data is never deleted, and nothing is detached from under a mount. */
class RestoreFailureTests {

    private static final VolumeSpec SOLR = VolumeSpec.of("/dev/sdf", "/mnt/solr", 20);
    private static final Map<String, String> TAGS = Map.of("role", "solr", "cluster", "solr", "environment", "prod");
    private static final Path DEVICE = Path.of("/dev/nvme1n1");

    private final Ec2 ec2 = mock(Ec2.class);
    private final FormatAndMount formatAndMount = mock(FormatAndMount.class);
    private final Mounter mounter = mock(Mounter.class);
    private final DeviceResolver resolver = mock(DeviceResolver.class);
    private final Snapshotter snapshotter = mock(Snapshotter.class);
    private final Timeouts timeouts = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(200),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 4);
    private VolumeRestorer restorer;

    @BeforeEach
    void setUp() {
        given(snapshotter.name()).willReturn("solr");
        given(snapshotter.settings()).willReturn(SnapshotterSettings.DEFAULT);
        given(ec2.createVolume(any())).willReturn(volume("available", List.of()));
        given(ec2.findVolume("vol-1")).willReturn(Optional.of(volume("in-use",
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attached", false)))));
        given(resolver.resolve("vol-1", "/dev/sdf")).willReturn(Optional.of(DEVICE));
        restorer = new VolumeRestorer(ec2, formatAndMount, mounter, new DeviceAwaiter(resolver), timeouts);
    }

    @Test
    void aRestoredXfsWhoseMountFailsIsKeptAttachedAndTaggedRetainedWithTheKernelsReason() {
        given(formatAndMount.mount(eq(FilesystemMount.of(DEVICE, "/mnt/solr", List.of("defaults"), Origin.SNAPSHOT)), any()))
                .will(failsAt(new MountFailedException("mount of the device at /mnt/solr failed: Structure needs cleaning", null),
                        Phase.CHECK, Phase.MOUNT));

        VolumeOutcome outcome = restorer.restore(context(), SOLR, snapshot(), "op-1", WorkflowListener.NONE);

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.FAILED);
        assertThat(outcome.step()).isEqualTo(VolumeStep.MOUNT);
        assertThat(outcome.volumeId()).isEqualTo("vol-1");
        assertThat(outcome.error()).startsWith("mount of the device at /mnt/solr failed: Structure needs cleaning")
                .contains("kept attached and tagged snaptastic:retained=true");
        then(ec2).should().createTags(eq(List.of("vol-1")), RetainedTags.retainedFor("failed-restore"));
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
        then(ec2).should(never()).deleteVolume(anyString());
        then(mounter).should(never()).unmount(anyString(), anyBoolean());
    }

    @Test
    void aRestoredExt4WhoseCheckFailsIsKeptAndNeverMounted() {
        given(formatAndMount.mount(any(), any())).will(failsAt(
                new FilesystemCheckException("e2fsck found errors it could not repair (exit 4): the device: UNEXPECTED INCONSISTENCY", 4),
                Phase.CHECK));

        VolumeOutcome outcome = restorer.restore(context(), SOLR, snapshot(), "op-1", WorkflowListener.NONE);

        assertThat(outcome.step()).isEqualTo(VolumeStep.CHECK_FILESYSTEM);
        assertThat(outcome.error()).contains("UNEXPECTED INCONSISTENCY").contains("retained");
        then(ec2).should().createTags(eq(List.of("vol-1")), RetainedTags.retainedFor("failed-restore"));
        then(mounter).should(never()).unmount(anyString(), anyBoolean());
        then(ec2).should(never()).deleteVolume(anyString());
    }

    @Test
    void anEmptyVolumeWhoseMountFailsIsDetachedNormallyAndDeleted() {
        given(formatAndMount.mount(eq(FilesystemMount.empty(DEVICE, "/mnt/solr", List.of("defaults"), "ext4")), any()))
                .will(failsAt(new MountFailedException("mount of the device at /mnt/solr failed: unknown filesystem type", null),
                        Phase.FORMAT, Phase.MOUNT));

        VolumeOutcome outcome = restorer.restore(context(), SOLR, null, "op-1", WorkflowListener.NONE);

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.FAILED);
        InOrder order = inOrder(ec2);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).awaitDetached(eq("vol-1"), any());
        order.verify(ec2).deleteVolume("vol-1");
        then(ec2).should(never()).detachVolume("vol-1", "i-1", "/dev/sdf", true);
        then(ec2).should(never()).createTags(any(), anyMap());
    }

    @Test
    void aGrowThatFailsLeavesTheMountInPlaceAndWarns() {
        given(formatAndMount.mount(any(), any())).will(growFails("ext4", new HostCommandException("could not grow",
                List.of("resize2fs", "--", "/dev/nvme1n1"), 1, "", "resize2fs: Permission denied to resize filesystem", null)));

        VolumeOutcome outcome = restorer.restore(context(), SOLR, snapshot(), "op-1", WorkflowListener.NONE);

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.DONE);
        assertThat(outcome.error()).isNull();
        assertThat(outcome.warning()).isEqualTo("the filesystem could not grow to the volume's size and stays at the snapshot's"
                + " size: resize2fs failed with exit code 1; details are in the agent's log (online ext3/ext4 growth needs"
                + " CAP_SYS_RESOURCE)");
        then(ec2).should().setDeleteOnTermination("i-1", "vol-1", true);
        then(snapshotter).should().hook(Hook.POST_MOUNT, List.of(SOLR));
        then(mounter).should(never()).unmount(anyString(), anyBoolean());
    }

    @Test
    void aRestoredVolumeWhosePostMountHookFailsStaysMounted() {
        given(formatAndMount.mount(any(), any())).will(mountsAs("xfs"));
        willThrow(new IllegalStateException("post_mount hook /bin/chown failed")).given(snapshotter).hook(Hook.POST_MOUNT, List.of(SOLR));

        VolumeOutcome outcome = restorer.restore(context(), SOLR, snapshot(), "op-1", WorkflowListener.NONE);

        assertThat(outcome.status()).isEqualTo(VolumeOutcome.Status.FAILED);
        assertThat(outcome.step()).isEqualTo(VolumeStep.POST_MOUNT_HOOK);
        assertThat(outcome.error()).isEqualTo("post_mount hook /bin/chown failed; the volume stays mounted at /mnt/solr,"
                + " as it holds restored data");
        then(mounter).should(never()).unmount(anyString(), anyBoolean());
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
        then(ec2).should(never()).deleteVolume(anyString());
    }

    @Test
    void anEmptyVolumeThatFailsAfterItsMountIsUnmountedBeforeItIsDetachedAndForcedOnlyAfterATimeout() {
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));
        willThrow(new Ec2Exception.Denied("UnauthorizedOperation", "not allowed: ModifyInstanceAttribute", null))
                .given(ec2).setDeleteOnTermination("i-1", "vol-1", true);
        willThrow(new Ec2Exception.WaitFailed("still detaching")).willDoNothing().given(ec2).awaitDetached(eq("vol-1"), any());

        VolumeOutcome outcome = restorer.restore(context(), SOLR, null, "op-1", WorkflowListener.NONE);

        assertThat(outcome.step()).isEqualTo(VolumeStep.SET_DELETE_ON_TERMINATION);
        InOrder order = inOrder(formatAndMount, mounter, ec2);
        order.verify(formatAndMount).mount(eq(FilesystemMount.empty(DEVICE, "/mnt/solr", List.of("defaults"), "ext4")), any());
        order.verify(mounter).unmount("/mnt/solr", false);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).awaitDetached(eq("vol-1"), any());
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", true);
        order.verify(ec2).awaitDetached(eq("vol-1"), any());
        order.verify(ec2).deleteVolume("vol-1");
    }

    @Test
    void anAttachmentThatNeverCompletesIsForceDetachedOnlyAfterANormalDetachWasRefused() {
        willThrow(new Ec2Exception.WaitFailed("still attaching")).given(ec2).awaitAttached(eq("vol-1"), eq("i-1"), any(), any());
        willThrow(new Ec2Exception.Conflict("IncorrectState", "Volume 'vol-1' is still attaching; detach it with Force.", null))
                .given(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);

        VolumeOutcome outcome = restorer.restore(context(), SOLR, null, "op-1", WorkflowListener.NONE);

        assertThat(outcome.step()).isEqualTo(VolumeStep.AWAIT_ATTACHED);
        InOrder order = inOrder(ec2);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", true);
        order.verify(ec2).awaitDetached(eq("vol-1"), any());
        order.verify(ec2).deleteVolume("vol-1");
        then(formatAndMount).should(never()).mount(any(), any());
    }

    @Test
    void aBusyMountPointKeepsTheEmptyVolumeAttachedAndMountedAndSaysSo() {
        given(formatAndMount.mount(any(), any())).will(mountsAs("ext4"));
        willThrow(new IllegalStateException("post_mount hook /usr/sbin/service failed")).given(snapshotter).hook(Hook.POST_MOUNT, List.of(SOLR));
        willThrow(new MountBusyException("/mnt/solr is busy")).given(mounter).unmount("/mnt/solr", false);

        VolumeOutcome outcome = restorer.restore(context(), SOLR, null, "op-1", WorkflowListener.NONE);

        assertThat(outcome.error()).isEqualTo("post_mount hook /usr/sbin/service failed; /mnt/solr could not be unmounted"
                + " (busy), so the volume stays attached and mounted");
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
        then(ec2).should(never()).deleteVolume(anyString());
    }

    @Test
    void aResumedRestoredVolumeWhoseMountFailsIsTaggedRetained() {
        Volume attached = new Volume("vol-1", 20, "gp3", "in-use", "eu-west-1a", "snap-1", Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attached", false)), Map.of());
        given(formatAndMount.mount(eq(FilesystemMount.of(DEVICE, "/mnt/solr", List.of("defaults"), Origin.SNAPSHOT)), any()))
                .will(failsAt(new FilesystemCheckException("e2fsck found errors it could not repair (exit 8): bad magic", 8),
                        Phase.CHECK));

        VolumeOutcome outcome = restorer.resume(context(), SOLR, attached, WorkflowListener.NONE);

        assertThat(outcome.error()).contains("retained");
        then(ec2).should().createTags(eq(List.of("vol-1")), RetainedTags.retainedFor("failed-restore"));
        then(ec2).should(never()).deleteVolume(anyString());
    }

    private SnapshotterContext context() {
        return new SnapshotterContext(snapshotter, "i-1", "eu-west-1a", Map.of(), List.of(SOLR), TAGS);
    }

    private static Snapshot snapshot() {
        Map<String, String> tags = new HashMap<>(TAGS);
        tags.put("mount_point", "/mnt/solr");
        return new Snapshot("snap-1", "vol-old", "completed", "100%", Instant.parse("2026-11-02T00:00:00Z"), 20, "", tags);
    }

    private static Volume volume(String state, List<Volume.Attachment> attachments) {
        return new Volume("vol-1", 20, "gp3", state, "eu-west-1a", null, Instant.EPOCH, attachments, Map.of());
    }
}
