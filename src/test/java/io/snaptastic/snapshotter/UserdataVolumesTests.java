package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserdataVolumesTests {

    @Test
    void readsTheSeedsUserdataExample() {
        Map<String, Object> userdata = Map.of("volumes", List.of(
                Map.of("device", "/dev/sdf1", "mount_point", "/var/lib/postgresql/9.1/main", "size", 200)));

        assertThat(UserdataVolumes.read("pg", userdata)).containsExactly(new VolumeSpec(
                "/dev/sdf1", "/var/lib/postgresql/9.1/main", 200, "gp3", null, null, "ext4", List.of("defaults"), true, null, true));
    }

    @Test
    void readsEveryOptionalKeyAndACommaSeparatedOptionString() {
        Map<String, Object> userdata = Map.of("volumes", List.of(Map.of(
                "device", "/dev/sdg", "mount_point", "/data", "size", 50, "type", "io2", "iops", 4000,
                "file_system", "xfs", "mount_options", "defaults,noatime", "encrypted", false, "delete_on_termination", false)));

        VolumeSpec volume = UserdataVolumes.read("db", userdata).get(0);

        assertThat(volume.type()).isEqualTo("io2");
        assertThat(volume.iops()).isEqualTo(4000);
        assertThat(volume.fileSystem()).isEqualTo("xfs");
        assertThat(volume.mountOptions()).containsExactly("defaults", "noatime");
        assertThat(volume.encrypted()).isFalse();
        assertThat(volume.deleteOnTermination()).isFalse();
    }

    @Test
    void namesTheMissingVolumesKey() {
        assertThatThrownBy(() -> UserdataVolumes.read("pg", Map.of()))
                .isInstanceOf(MissingUserdataException.class)
                .hasMessage("snapshotter 'pg' needs the userdata key 'volumes', and the userdata has none");
    }

    @Test
    void listsEveryMistypedEntry() {
        Map<String, Object> userdata = Map.of("volumes", List.of(
                "not an object",
                Map.of("device", 7, "mount_point", "/a"),
                Map.of("device", "/dev/sdf", "mount_point", "/a", "size", 1.5)));

        assertThatThrownBy(() -> UserdataVolumes.read("pg", userdata))
                .isInstanceOfSatisfying(InvalidVolumesException.class, e -> assertThat(e.problems()).containsExactly(
                        "userdata.volumes[0]: must be an object",
                        "userdata.volumes[1].device: must be a string",
                        "userdata.volumes[2].size: must be a whole number"));
    }
}
