package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeSpecValidatorTests {

    private final VolumeSpecValidator validator =
            new VolumeSpecValidator(List.of("/proc", "/sys", "/dev", "/boot", "/etc", "/usr", "/bin", "/sbin", "/lib", "/run"));

    @Test
    void acceptsTheSeedTutorialVolume() {
        assertThat(validator.validate("v", List.of(VolumeSpec.of("/dev/sdf", "/mnt/solr", 20)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/sdf", "/dev/sdp", "/dev/sdq", "/dev/sdz", "/dev/xvdf", "/dev/xvdu", "/dev/sdf1", "/dev/xvdk9"})
    void acceptsDevicesEc2Takes(String device) {
        assertThat(validator.validate("v", List.of(VolumeSpec.of(device, "/mnt/a", 1)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/sda", "/dev/sde", "/dev/xvda", "/dev/xvde", "/dev/sdaa", "sdf", "/dev/sdf;rm -rf /", "/dev/../sdf", "/dev/sdf\0",
            "/dev/nvme1n1", "/dev/sdf10", ""})
    void refusesDevicesEc2DoesNotTake(String device) {
        assertThat(validator.validate("v", List.of(VolumeSpec.of(device, "/mnt/a", 1))))
                .singleElement().asString().startsWith("v[0].device: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "relative/path", "/mnt/../etc", "/mnt/a/", "/mnt//a", "/etc", "/etc/solr", "/proc/1",
            "/usr/local/data", "/run/x", "/mnt/a b", "/mnt/$(reboot)", "/mnt/a\0b", "/mnt/./a"})
    void refusesUnsafeMountPoints(String mountPoint) {
        assertThat(validator.validate("v", List.of(VolumeSpec.of("/dev/sdf", mountPoint, 1))))
                .singleElement().asString().startsWith("v[0].mount-point: ");
    }

    @Test
    void acceptsDirectoriesThatOnlyLookLikeSystemOnes() {
        assertThat(validator.validate("v", List.of(VolumeSpec.of("/dev/sdf", "/etcetera", 1)))).isEmpty();
    }

    @Test
    void showsControlCharactersEscapedNeverRaw() {
        List<String> problems = validator.validate("v", List.of(VolumeSpec.of("/dev/sdf\n", "/mnt/a", 1)));
        assertThat(problems).singleElement().asString().contains("\\x0a").doesNotContain("\n");
    }

    @Test
    void checksSizeAgainstTheVolumeType() {
        assertThat(validator.validate("v", List.of(spec("gp3", 0, null, null)))).singleElement().asString()
                .isEqualTo("v[0].size: 0 GiB is outside 1..65536 GiB for gp3");
        assertThat(validator.validate("v", List.of(spec("gp3", 65537, null, null)))).hasSize(1);
        assertThat(validator.validate("v", List.of(spec("st1", 100, null, null)))).singleElement().asString()
                .contains("125..16384");
        assertThat(validator.validate("v", List.of(spec("gp3", -5, null, null)))).hasSize(1);
    }

    @Test
    void takesIopsAndThroughputOnlyWhereTheTypeDoes() {
        assertThat(validator.validate("v", List.of(spec("gp3", 20, 6000, 250)))).isEmpty();
        assertThat(validator.validate("v", List.of(spec("io2", 20, 6000, null)))).isEmpty();
        assertThat(validator.validate("v", List.of(spec("gp2", 20, 3000, null)))).singleElement().asString()
                .isEqualTo("v[0].iops: gp2 volumes do not take this setting");
        assertThat(validator.validate("v", List.of(spec("io1", 20, null, 125)))).singleElement().asString()
                .isEqualTo("v[0].throughput: io1 volumes do not take this setting");
        assertThat(validator.validate("v", List.of(spec("gp3", 20, 2000, null)))).singleElement().asString()
                .isEqualTo("v[0].iops: 2000 is outside 3000..80000 for gp3");
    }

    @Test
    void refusesMoreIopsThanTheSizeAllowsPerGib() {
        assertThat(validator.validate("v", List.of(spec("gp3", 10, 6000, null)))).singleElement().asString()
                .isEqualTo("v[0].iops: 6000 is more than 500 IOPS per GiB allows for gp3 (at most 5000 for 10 GiB)");
        assertThat(validator.validate("v", List.of(spec("gp3", 12, 6000, null)))).isEmpty();
        assertThat(validator.validate("v", List.of(spec("io1", 20, 1001, null)))).singleElement().asString()
                .isEqualTo("v[0].iops: 1001 is more than 50 IOPS per GiB allows for io1 (at most 1000 for 20 GiB)");
        assertThat(validator.validate("v", List.of(spec("io1", 20, 1000, null)))).isEmpty();
        assertThat(validator.validate("v", List.of(spec("io2", 4, 4001, null)))).singleElement().asString()
                .isEqualTo("v[0].iops: 4001 is more than 1000 IOPS per GiB allows for io2 (at most 4000 for 4 GiB)");
        assertThat(validator.validate("v", List.of(spec("io2", 4, 4000, null)))).isEmpty();
    }

    @Test
    void givesEveryGp3ItsBaselineIopsAndThroughputWhateverItsSize() {
        assertThat(validator.validate("v", List.of(spec("gp3", 1, 3000, 125)))).isEmpty();
        assertThat(validator.validate("v", List.of(spec("gp3", 1, null, null)))).isEmpty();
    }

    @Test
    void refusesMoreGp3ThroughputThanAQuarterMibPerIops() {
        assertThat(validator.validate("v", List.of(spec("gp3", 100, 4000, 1001)))).singleElement().asString()
                .isEqualTo("v[0].throughput: 1001 MiB/s is more than 0.25 MiB/s per IOPS allows for gp3 (at most 1000 for 4000 IOPS)");
        assertThat(validator.validate("v", List.of(spec("gp3", 100, 4000, 1000)))).isEmpty();
        // Without iops the volume has gp3's 3000, so 750 MiB/s at most.
        assertThat(validator.validate("v", List.of(spec("gp3", 100, null, 751)))).singleElement().asString()
                .contains("at most 750 for 3000 IOPS");
    }

    @Test
    void checksTheRatiosAlsoWhenAnotherPropertyIsWrong() {
        VolumeSpec volume = new VolumeSpec("/dev/sda", "/mnt/a", 10, "gp3", 6000, null, "ext4", List.of("defaults"), true, null, true);
        assertThat(validator.validate("v", List.of(volume))).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("v[0].iops: 6000"));
    }

    @Test
    void tellsAValueOutOfRangeOnceNotAlsoAsARatio() {
        assertThat(validator.validate("v", List.of(spec("gp3", 1, 90000, null)))).singleElement().asString()
                .isEqualTo("v[0].iops: 90000 is outside 3000..80000 for gp3");
    }

    @Test
    void refusesUnknownTypesAndFilesystems() {
        VolumeSpec volume = new VolumeSpec("/dev/sdf", "/mnt/a", 5, "gp9", null, null, "btrfs", List.of("defaults"), true, null, true);
        assertThat(validator.validate("v", List.of(volume)))
                .containsExactly("v[0].type: 'gp9' is not one of [gp2, gp3, io1, io2, sc1, st1, standard]",
                        "v[0].file-system: 'btrfs' is not one of [ext4, xfs]");
    }

    @Test
    void refusesExt3ForNewVolumesThoughRestoresMountIt() {
        VolumeSpec volume = new VolumeSpec("/dev/sdf", "/mnt/a", 5, "gp3", null, null, "ext3", List.of("defaults"), true, null, true);
        assertThat(validator.validate("v", List.of(volume))).containsExactly("v[0].file-system: 'ext3' is not one of [ext4, xfs]");
    }

    @Test
    void refusesMountOptionsThatCouldSmuggleArguments() {
        VolumeSpec volume = new VolumeSpec("/dev/sdf", "/mnt/a", 5, "gp3", null, null, "ext4",
                List.of("noatime", "ro -o exec", ""), true, null, true);
        assertThat(validator.validate("v", List.of(volume))).hasSize(2);
    }

    @Test
    void refusesTwoVolumesOnOneDeviceOrOverlappingMountPoints() {
        List<String> problems = validator.validate("v", List.of(
                VolumeSpec.of("/dev/sdf", "/mnt/a", 1),
                VolumeSpec.of("/dev/xvdf", "/mnt/b", 1),
                VolumeSpec.of("/dev/sdg", "/mnt/a/inner", 1),
                VolumeSpec.of("/dev/sdh", "/mnt/b", 1)));
        assertThat(problems).containsExactly(
                "v[1].device: '/dev/xvdf' is the same device as v[0]",
                "v[2].mount-point: '/mnt/a/inner' overlaps v[0] ('/mnt/a')",
                "v[3].mount-point: '/mnt/b' overlaps v[1] ('/mnt/b')");
    }

    @Test
    void refusesAKmsKeyOnAnUnencryptedVolume() {
        VolumeSpec volume = new VolumeSpec("/dev/sdf", "/mnt/a", 5, "gp3", null, null, "ext4", List.of("defaults"), false,
                "alias/mine", true);
        assertThat(validator.validate("v", List.of(volume))).singleElement().asString().startsWith("v[0].kms-key-id:");
    }

    private static VolumeSpec spec(String type, int size, Integer iops, Integer throughput) {
        return new VolumeSpec("/dev/sdf", "/mnt/a", size, type, iops, throughput, "ext4", List.of("defaults"), true, null, true);
    }
}
