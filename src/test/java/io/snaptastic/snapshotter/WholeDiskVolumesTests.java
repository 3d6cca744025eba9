package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WholeDiskVolumesTests {

    @Test
    void attachesTheSeedsPartitionNameAsTheWholeDiskAndSaysSo() {
        VolumeSpec seed = VolumeSpec.of("/dev/sdf1", "/mnt/index", 200);

        WholeDiskVolumes disks = WholeDiskVolumes.of("volumes", List.of(seed, VolumeSpec.of("/dev/sdg", "/mnt/b", 1)));

        assertThat(disks.volumes()).extracting(VolumeSpec::device).containsExactly("/dev/sdf", "/dev/sdg");
        assertThat(disks.volumes().get(0)).isEqualTo(seed.withDevice("/dev/sdf"));
        assertThat(disks.warnings()).singleElement().asString()
                .startsWith("volumes[0].device: /dev/sdf1 is attached as the whole disk /dev/sdf");
    }

    @Test
    void leavesWholeDiskNamesAloneWithoutAWarning() {
        WholeDiskVolumes disks = WholeDiskVolumes.of("volumes", List.of(VolumeSpec.of("/dev/xvdf", "/mnt/a", 1)));

        assertThat(disks.volumes()).extracting(VolumeSpec::device).containsExactly("/dev/xvdf");
        assertThat(disks.warnings()).isEmpty();
    }
}
