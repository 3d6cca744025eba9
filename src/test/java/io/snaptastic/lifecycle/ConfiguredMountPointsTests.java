package io.snaptastic.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.snaptastic.ec2.Volume;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.instance.InstanceMetadataException;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.snapshotter.VolumeSpecValidator;
import io.snaptastic.snapshotter.YamlSnapshotter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfiguredMountPointsTests {

    final InstanceIdentity instance = mock(InstanceIdentity.class);

    final SnapshotterRegistry registry = new SnapshotterRegistry(List.of(
            new YamlSnapshotter("solr", properties(false, List.of(VolumeSpec.of("/dev/sdf", "/mnt/solr", 1))), null),
            new YamlSnapshotter("pg", properties(true, List.of()), null)));
    final SnapshotterResolver resolver = new SnapshotterResolver(registry, instance, new VolumeSpecValidator(List.of("/etc")));

    @Test
    void readsEachSnapshottersMountPointsAndNamesThoseWhoseVolumesCannotBeResolved() {
        given(instance.instanceId()).willReturn("i-1");
        // The seed's filter tags, but no volume list for the snapshotter that reads it from userdata.
        given(instance.userdata()).willReturn(Map.of("role", "solr", "cluster", "solr", "environment", "test"));

        ConfiguredMountPoints configured = ConfiguredMountPoints.read(registry, resolver);

        assertThat(configured.mountPoints()).isEqualTo(Map.of("solr", Set.of("/mnt/solr")));
        assertThat(configured.unresolved()).containsExactly("pg");
        assertThat(configured.mayUse(volume("solr", "/mnt/solr"))).isTrue();
        assertThat(configured.mayUse(volume("solr", "/mnt/elsewhere"))).isFalse();
        assertThat(configured.mayUse(volume("pg", "/mnt/anything"))).as("unknown volumes: left alone").isTrue();
        assertThat(configured.mayUse(volume("gone", "/mnt/solr"))).isFalse();
    }

    @Test
    void withoutInstanceMetadataEverySnapshotterIsUnresolved() {
        given(instance.userdata()).willThrow(new InstanceMetadataException("IMDS did not answer", null));

        ConfiguredMountPoints configured = ConfiguredMountPoints.read(registry, resolver);

        assertThat(configured.unresolved()).containsExactlyInAnyOrder("solr", "pg");
        assertThat(configured.mayUse(volume("solr", "/mnt/elsewhere"))).isTrue();
    }

    private static SnapshotterSettings properties(boolean fromUserdata, List<VolumeSpec> volumes) {
        return new SnapshotterSettings(null, volumes, fromUserdata, null, null, null, Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null);
    }

    private static Volume volume(String snapshotter, String mountPoint) {
        return new Volume("vol-1", 1, "gp3", "in-use", "az", null, Instant.EPOCH, List.of(),
                Map.of(ResourceTags.SNAPSHOTTER, snapshotter, ResourceTags.MOUNT_POINT, mountPoint));
    }
}
