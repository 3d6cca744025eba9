package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.snaptastic.instance.FixedIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotterResolverTests {

    private static final Map<String, Object> USERDATA = Map.of("role", "db", "cluster", "main", "environment", "prod",
            "volumes", List.of(Map.of("device", "/dev/sdf1", "mount_point", "/var/lib/postgresql/9.1/main", "size", 200)));

    @Test
    void givesEveryWorkflowTheWholeDiskOfTheSeedsUserdataPartitionName() {
        SnapshotterContext context = resolver(true, List.of()).resolve("db", null);

        assertThat(context.volumes()).singleElement().satisfies(volume -> {
            assertThat(volume.device()).isEqualTo("/dev/sdf");
            assertThat(volume.mountPoint()).isEqualTo("/var/lib/postgresql/9.1/main");
            assertThat(volume.size()).isEqualTo(200);
        });
        assertThat(context.warnings()).singleElement().asString()
                .startsWith("volumes[0].device: /dev/sdf1 is attached as the whole disk /dev/sdf");
    }

    @Test
    void configuredWholeDisksResolveWithoutWarnings() {
        SnapshotterContext context = resolver(false, List.of(VolumeSpec.of("/dev/sdg", "/mnt/a", 1))).resolve("db", null);

        assertThat(context.volumes()).extracting(VolumeSpec::device).containsExactly("/dev/sdg");
        assertThat(context.warnings()).isEmpty();
    }

    @Test
    void stillRefusesTwoNamesForOneDisk() {
        SnapshotterResolver resolver = resolver(false,
                List.of(VolumeSpec.of("/dev/sdf", "/mnt/a", 1), VolumeSpec.of("/dev/sdf1", "/mnt/b", 1)));

        assertThatExceptionOfType(InvalidVolumesException.class).isThrownBy(() -> resolver.resolve("db", null))
                .satisfies(e -> assertThat(e.problems()).singleElement().asString().contains("is the same device as"));
    }

    private static SnapshotterResolver resolver(boolean fromUserdata, List<VolumeSpec> volumes) {
        SnapshotterSettings properties = new SnapshotterSettings(null, volumes, fromUserdata, null, null, null,
                Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null);
        SnapshotterRegistry registry = new SnapshotterRegistry(List.of(new YamlSnapshotter("db", properties, null)));
        return new SnapshotterResolver(registry, new FixedIdentity("i-1", "eu-west-1a", "eu-west-1", USERDATA),
                new VolumeSpecValidator(List.of("/etc", "/usr")));
    }
}
