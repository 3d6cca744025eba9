package io.snaptastic.lifecycle;

import io.snaptastic.snapshotter.RetainedReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.MountTable;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.snapshotter.ResourceTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

class OwnVolumesTests {

    static final SnaptasticProperties.Timeouts TIMEOUTS = new SnaptasticProperties.Timeouts(Duration.ofMinutes(1),
            Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 4);

    @TempDir
    Path dir;

    final Ec2 ec2 = mock(Ec2.class);
    final InstanceIdentity instance = mock(InstanceIdentity.class);
    final MountTable mounts = mock(MountTable.class);
    final DeviceResolver devices = mock(DeviceResolver.class);
    final OwnVolumes own = new OwnVolumes(ec2, instance, mounts, devices, TIMEOUTS);

    @BeforeEach
    void instance() {
        given(instance.instanceId()).willReturn("i-1");
        given(mounts.entries()).willReturn(List.of());
    }

    @Test
    void detachesAndDeletesAnAttachedVolumeOfOursThatIsNotMounted() {
        Volume volume = volume("vol-1", "i-1", "in-use", "true", attachment("i-1"));

        assertThat(own.release(volume)).isEqualTo("detached and deleted vol-1");

        InOrder order = inOrder(ec2);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).awaitDetached("vol-1", Duration.ofMinutes(1));
        order.verify(ec2).deleteVolume("vol-1");
    }

    @Test
    void deletesAnAvailableVolumeOfOurs() {
        assertThat(own.release(volume("vol-1", "i-1", "available", "true"))).isEqualTo("deleted vol-1");
        then(ec2).should().deleteVolume("vol-1");
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
    }

    @Test
    void neverTouchesAVolumeThatIsMountedHere() throws Exception {
        Path device = Files.createFile(dir.resolve("nvme1n1"));
        given(devices.resolve("vol-1", "/dev/sdf")).willReturn(Optional.of(device));
        given(mounts.entries()).willReturn(List.of(new MountEntry(1, 0, "259:1", "/", "/mnt/a", List.of("rw"), "ext4",
                device.toString(), List.of())));

        assertThat(own.release(volume("vol-1", "i-1", "in-use", "true", attachment("i-1")))).contains("left", "mounted");
        then(ec2).should(never()).deleteVolume(any());
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
    }

    @Test
    void neverTouchesAVolumeOfAnotherInstanceOrNotManaged() {
        assertThat(own.release(volume("vol-1", "i-2", "available", "true"))).contains("left");
        assertThat(own.release(volume("vol-2", "i-1", "available", null))).contains("left");
        assertThat(own.release(volume("vol-3", "i-1", "in-use", "true", attachment("i-9")))).contains("attached to i-9");

        then(ec2).should(never()).deleteVolume(any());
    }

    @Test
    void forcesTheDetachOfAnAttachmentStuckAttachingOnlyOnceANormalDetachWasRefused() {
        Volume.Attachment attaching = new Volume.Attachment("i-1", "/dev/sdf", "attaching", false);
        Volume stuck = volume("vol-1", "i-1", "in-use", "true", attaching);
        willThrow(new Ec2Exception.Conflict("IncorrectState", "still attaching", null))
                .given(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        given(ec2.findVolume("vol-1")).willReturn(Optional.of(stuck));

        assertThat(own.release(stuck)).isEqualTo("detached and deleted vol-1");

        InOrder order = inOrder(ec2);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", true);
        order.verify(ec2).awaitDetached("vol-1", Duration.ofMinutes(1));
        order.verify(ec2).deleteVolume("vol-1");
    }

    @Test
    void neverForcesTheDetachOfACompletedAttachment() {
        Volume attached = volume("vol-1", "i-1", "in-use", "true", attachment("i-1"));
        willThrow(new Ec2Exception.Conflict("IncorrectState", "busy", null))
                .given(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        given(ec2.findVolume("vol-1")).willReturn(Optional.of(attached));

        assertThatThrownBy(() -> own.release(attached)).isInstanceOf(Ec2Exception.Conflict.class);

        then(ec2).should(never()).detachVolume("vol-1", "i-1", "/dev/sdf", true);
        then(ec2).should(never()).deleteVolume(any());
    }

    @Test
    void unusedIsDetachedAndNotRetainedOrStuckAttachingHere() {
        assertThat(OwnVolumes.unused(volume("vol-1", "i-1", "available", "true"), "i-1")).isTrue();
        assertThat(OwnVolumes.unused(volume("vol-2", "i-1", "creating", "true"), "i-1")).isFalse();
        assertThat(OwnVolumes.unused(new Volume("vol-3", 1, "gp3", "available", "az", null, Instant.EPOCH, List.of(),
                Map.of(ResourceTags.RETAINED, "true")), "i-1")).isFalse();
        assertThat(OwnVolumes.unused(volume("vol-4", "i-1", "in-use", "true",
                new Volume.Attachment("i-1", "/dev/sdf", "attaching", false)), "i-1")).isTrue();
        assertThat(OwnVolumes.unused(volume("vol-5", "i-1", "in-use", "true", attachment("i-1")), "i-1")).isFalse();
        assertThat(OwnVolumes.unused(volume("vol-6", "i-1", "in-use", "true",
                new Volume.Attachment("i-2", "/dev/sdf", "attaching", false)), "i-1")).isFalse();
    }

    @Test
    void unconfiguredIsAttachedHereByACompletedAttachmentAndUsedByNoConfiguredMountPoint() {
        ConfiguredMountPoints configured = new ConfiguredMountPoints(Map.of("solr", Set.of("/mnt/solr")), Set.of("pg"));

        assertThat(OwnVolumes.unconfigured(tagged("vol-1", "solr", "/mnt/old", attachment("i-1")), "i-1", configured)).isTrue();
        assertThat(OwnVolumes.unconfigured(tagged("vol-2", "gone", "/mnt/solr", attachment("i-1")), "i-1", configured))
                .as("a snapshotter no longer configured").isTrue();
        assertThat(OwnVolumes.unconfigured(tagged("vol-3", "solr", "/mnt/solr", attachment("i-1")), "i-1", configured))
                .as("the next mount resumes it").isFalse();
        assertThat(OwnVolumes.unconfigured(tagged("vol-4", "pg", "/mnt/any", attachment("i-1")), "i-1", configured))
                .as("its snapshotter's volumes are unknown").isFalse();
        assertThat(OwnVolumes.unconfigured(tagged("vol-5", "solr", "/mnt/old",
                new Volume.Attachment("i-1", "/dev/sdf", "attaching", false)), "i-1", configured)).isFalse();
        assertThat(OwnVolumes.unconfigured(tagged("vol-6", "solr", "/mnt/old", attachment("i-2")), "i-1", configured)).isFalse();
        assertThat(OwnVolumes.unconfigured(tagged("vol-7", "solr", "/mnt/old"), "i-1", configured)).as("detached").isFalse();
    }

    @Test
    void detachesWithoutForceAndNeverDeletes() {
        Volume volume = volume("vol-1", "i-1", "in-use", "true", attachment("i-1"));

        assertThat(own.detach(volume)).isEqualTo("detached vol-1");

        InOrder order = inOrder(ec2);
        order.verify(ec2).detachVolume("vol-1", "i-1", "/dev/sdf", false);
        order.verify(ec2).awaitDetached("vol-1", Duration.ofMinutes(1));
        then(ec2).should(never()).detachVolume("vol-1", "i-1", "/dev/sdf", true);
        then(ec2).should(never()).deleteVolume(any());
    }

    @Test
    void detachesNothingMountedHereOrNotOurs() throws Exception {
        Path device = Files.createFile(dir.resolve("nvme1n1"));
        given(devices.resolve("vol-1", "/dev/sdf")).willReturn(Optional.of(device));
        given(mounts.entries()).willReturn(List.of(new MountEntry(1, 0, "259:1", "/", "/mnt/a", List.of("rw"), "ext4",
                device.toString(), List.of())));

        assertThat(own.detach(volume("vol-1", "i-1", "in-use", "true", attachment("i-1")))).contains("left", "mounted");
        assertThat(own.detach(volume("vol-2", "i-1", "in-use", null, attachment("i-1")))).contains("left");
        then(ec2).should(never()).detachVolume(anyString(), anyString(), anyString(), anyBoolean());
    }

    @Test
    void retainsWithReasonAndTimeInOneCall() {
        own.retain(volume("vol-1", "i-1", "in-use", "true", attachment("i-1")), RetainedReason.UNCONFIGURED,
                Instant.parse("2026-12-08T01:02:03.456Z"));

        then(ec2).should().createTags(List.of("vol-1"), Map.of("snaptastic:retained", "true",
                "snaptastic:retained-reason", "unconfigured", "snaptastic:retained-at", "2026-12-08T01:02:03.456Z"));
    }

    @Test
    void findsByManagedAndInstanceTagsAndOptionallySnapshotterAndMountPoint() {
        own.find("solr", "/mnt/a*");

        then(ec2).should().describeVolumes(Map.of("tag:snaptastic:managed", List.of("true"), "tag:instance_id", List.of("i-1"),
                "tag:snaptastic:snapshotter", List.of("solr"), "tag:mount_point", List.of("/mnt/a\\*")));
    }

    static Volume tagged(String id, String snapshotter, String mountPoint, Volume.Attachment... attachments) {
        return new Volume(id, 1, "gp3", attachments.length == 0 ? "available" : "in-use", "az", null, Instant.EPOCH,
                List.of(attachments), Map.of(ResourceTags.INSTANCE_ID, "i-1", ResourceTags.MANAGED, "true",
                        ResourceTags.SNAPSHOTTER, snapshotter, ResourceTags.MOUNT_POINT, mountPoint));
    }

    static Volume.Attachment attachment(String instanceId) {
        return new Volume.Attachment(instanceId, "/dev/sdf", "attached", true);
    }

    static Volume volume(String id, String instanceId, String state, String managed, Volume.Attachment... attachments) {
        Map<String, String> tags = managed == null
                ? Map.of(ResourceTags.INSTANCE_ID, instanceId)
                : Map.of(ResourceTags.INSTANCE_ID, instanceId, ResourceTags.MANAGED, managed);
        return new Volume(id, 1, "gp3", state, "az", null, Instant.EPOCH, List.of(attachments), tags);
    }
}
