package io.snaptastic.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.HostException.MountBusyException;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.Mounter;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import io.snaptastic.workflow.WorkflowResult;
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

class UnmountServiceTests {

    private static final VolumeSpec SOLR = VolumeSpec.of("/dev/sdf", "/mnt/solr", 20);
    private static final Map<String, String> TAGS = Map.of("role", "solr");

    private final Ec2 ec2 = mock(Ec2.class);
    private final Mounter mounter = mock(Mounter.class);
    private final DeviceResolver resolver = mock(DeviceResolver.class);
    private final Snapshotter snapshotter = mock(Snapshotter.class);
    private UnmountService service;

    @BeforeEach
    void setUp() {
        given(snapshotter.name()).willReturn("solr");
        service = new UnmountService(ec2, mounter, resolver, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), null), 4);
    }

    @Test
    void unmountsThenDetachesAndKeepsTheVolumeByDefault() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-1", true)));

        WorkflowResult result = service.unmount(context(), false, WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        InOrder order = inOrder(snapshotter, mounter, ec2);
        order.verify(snapshotter).hook(Hook.PRE_UNMOUNTS, List.of(SOLR));
        order.verify(snapshotter).hook(Hook.PRE_UNMOUNT, List.of(SOLR));
        order.verify(mounter).unmount("/mnt/solr", false);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).awaitDetached(eq("vol-1"), any());
        order.verify(snapshotter).hook(Hook.POST_UNMOUNT, List.of(SOLR));
        order.verify(snapshotter).hook(Hook.POST_UNMOUNTS, List.of(SOLR));
        then(ec2).should(never()).deleteVolume(anyString());
        then(ec2).should().createTags(eq(List.of("vol-1")), RetainedTags.retainedFor("unmount"));
    }

    @Test
    void deletesTheVolumeWhenAskedAndOnlyWhenItIsManaged() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-1", true)));
        service.unmount(context(), true, WorkflowListener.NONE);
        then(ec2).should().deleteVolume("vol-1");

        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-legacy", false)));
        WorkflowResult legacy = service.unmount(context(), true, WorkflowListener.NONE);
        then(ec2).should(never()).deleteVolume("vol-legacy");
        assertThat(legacy.succeeded()).isTrue();
    }

    @Test
    void tagsAKeptVolumeRetainedBeforeItsDetachSoThatACrashInBetweenCannotLoseIt() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-1", true)));

        service.unmount(context(), false, WorkflowListener.NONE);

        InOrder order = inOrder(ec2);
        order.verify(ec2).createTags(eq(List.of("vol-1")), RetainedTags.retainedFor("unmount"));
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
    }

    @Test
    void leavesAKeptVolumeAttachedWhenItCannotBeTaggedRetained() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-1", true)));
        willThrow(new IllegalStateException("InternalError")).given(ec2).createTags(any(), anyMap());

        WorkflowResult result = service.unmount(context(), false, WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.FAILED);
            assertThat(v.step()).isEqualTo(VolumeStep.DETACH);
        });
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
    }

    @Test
    void reportsAFailedDeleteAtTheDeleteVolumeStep() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-1", true)));
        willThrow(new IllegalStateException("InternalError")).given(ec2).deleteVolume("vol-1");

        WorkflowResult result = service.unmount(context(), true, WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.FAILED);
            assertThat(v.step()).isEqualTo(VolumeStep.DELETE_VOLUME);
        });
    }

    @Test
    void aDeletingUnmountAlsoDeletesWhatAnEarlierOneLeftDetachedButNeverARetainedOrForeignVolume() {
        Volume leftover = available("vol-left", Map.of());
        Volume retained = available("vol-kept", Map.of("snaptastic:retained", "true"));
        Volume otherInstance = available("vol-other-instance", Map.of("instance_id", "i-2"));
        Volume otherSnapshotter = available("vol-other-snapshotter", Map.of("snaptastic:snapshotter", "pg"));
        Volume otherMountPoint = available("vol-other-mount-point", Map.of("mount_point", "/mnt/pg"));
        Volume unmanaged = available("vol-unmanaged", Map.of("snaptastic:managed", "false"));
        given(ec2.describeVolumes(anyMap()))
                .willReturn(List.of(leftover, retained, otherInstance, otherSnapshotter, otherMountPoint, unmanaged));

        WorkflowResult result = service.unmount(context(), true, WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        then(ec2).should().deleteVolume("vol-left");
        then(ec2).should(never()).deleteVolume(eq("vol-kept"));
        then(ec2).should(never()).deleteVolume(eq("vol-other-instance"));
        then(ec2).should(never()).deleteVolume(eq("vol-other-snapshotter"));
        then(ec2).should(never()).deleteVolume(eq("vol-other-mount-point"));
        then(ec2).should(never()).deleteVolume(eq("vol-unmanaged"));
        assertThat(result.volumes().get(0).warning()).contains("vol-kept", "snaptastic:retained=true");
    }

    @Test
    void aKeepingUnmountDeletesNoLeftover() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(available("vol-left", Map.of())));

        service.unmount(context(), false, WorkflowListener.NONE);

        then(ec2).should(never()).deleteVolume(anyString());
    }

    @Test
    void isIdempotentWhenNothingIsMountedOrAttached() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of());

        WorkflowResult result = service.unmount(context(), true, WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
    }

    @Test
    void aBusyMountPointIsAClearFailureAndTheVolumeStaysAttached() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-1", true)));
        willThrow(new MountBusyException("/mnt/solr is busy: a process still uses it")).given(mounter).unmount("/mnt/solr", false);

        WorkflowResult result = service.unmount(context(), true, WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.FAILED);
            assertThat(v.step()).isEqualTo(VolumeStep.UNMOUNT);
            assertThat(v.error()).contains("busy");
        });
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
        then(snapshotter).should().hook(Hook.POST_UNMOUNTS, List.of(SOLR));
    }

    @Test
    void leavesAFilesystemThatIsNotOnTheVolumeMountedAndTheVolumeAttached(@org.junit.jupiter.api.io.TempDir Path dev)
            throws Exception {
        Path own = java.nio.file.Files.createFile(dev.resolve("nvme1n1"));
        Path other = java.nio.file.Files.createFile(dev.resolve("nvme2n1"));
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-1", true)));
        given(resolver.resolve("vol-1", "/dev/sdf")).willReturn(Optional.of(own));
        given(mounter.mountedAt("/mnt/solr")).willReturn(Optional.of(mountedFrom(other.toString())));

        WorkflowResult result = service.unmount(context(), true, WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(VolumeOutcome.Status.SKIPPED);
            assertThat(v.error()).contains("is mounted from " + other).contains("left mounted and attached");
        });
        then(mounter).should(never()).unmount(anyString(), anyBoolean());
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
        then(ec2).should(never()).deleteVolume(anyString());
    }

    @Test
    void unmountsTheFilesystemOnItsOwnVolume(@org.junit.jupiter.api.io.TempDir Path dev) throws Exception {
        Path own = java.nio.file.Files.createFile(dev.resolve("nvme1n1"));
        given(ec2.describeVolumes(anyMap())).willReturn(List.of(attached("vol-1", true)));
        given(resolver.resolve("vol-1", "/dev/sdf")).willReturn(Optional.of(own));
        given(mounter.mountedAt("/mnt/solr")).willReturn(Optional.of(mountedFrom(own.toString())));

        WorkflowResult result = service.unmount(context(), false, WorkflowListener.NONE);

        assertThat(result.succeeded()).isTrue();
        then(mounter).should().unmount("/mnt/solr", false);
        then(ec2).should().detachVolume("vol-1", "i-1", "/dev/sdf", false);
    }

    @Test
    void leavesAMountAloneWhenNoVolumeIsAttachedAtTheDevice() {
        given(ec2.describeVolumes(anyMap())).willReturn(List.of());
        given(mounter.mountedAt("/mnt/solr")).willReturn(Optional.of(mountedFrom("/dev/nvme5n1")));

        WorkflowResult result = service.unmount(context(), false, WorkflowListener.NONE);

        assertThat(result.volumes()).singleElement().satisfies(v -> assertThat(v.status())
                .isEqualTo(VolumeOutcome.Status.SKIPPED));
        then(mounter).should(never()).unmount(anyString(), anyBoolean());
    }

    private static MountEntry mountedFrom(String source) {
        return new MountEntry(40, 1, "259:9", "/", "/mnt/solr", List.of("rw"), "ext4", source, List.of("rw"));
    }

    private SnapshotterContext context() {
        return new SnapshotterContext(snapshotter, "i-1", "eu-west-1a", Map.of(), List.of(SOLR), TAGS);
    }

    private static Volume attached(String id, boolean managed) {
        Map<String, String> tags = new HashMap<>(TAGS);
        tags.put("mount_point", "/mnt/solr");
        if (managed) {
            tags.put("snaptastic:managed", "true");
        }
        return new Volume(id, 20, "gp3", "in-use", "eu-west-1a", null, Instant.EPOCH,
                List.of(new Volume.Attachment("i-1", "/dev/sdf", "attached", true)), tags);
    }

    private static Volume available(String id, Map<String, String> overrides) {
        Map<String, String> tags = new HashMap<>(Map.of("snaptastic:managed", "true", "instance_id", "i-1",
                "snaptastic:snapshotter", "solr", "mount_point", "/mnt/solr"));
        tags.putAll(overrides);
        return new Volume(id, 20, "gp3", "available", "eu-west-1a", null, Instant.EPOCH, List.of(), tags);
    }
}
