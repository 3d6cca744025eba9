package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceNamesTests {

    @Test
    void sdAndXvdNamesAndTheirPartitionsShareTheirAttachmentLetter() {
        assertThat(DeviceNames.letter("/dev/sdf")).isEqualTo("f");
        assertThat(DeviceNames.letter("/dev/xvdf")).isEqualTo("f");
        assertThat(DeviceNames.letter("/dev/sdf1")).isEqualTo("f");
        assertThat(DeviceNames.sameAttachmentPoint("/dev/sdf", "/dev/xvdf")).isTrue();
        assertThat(DeviceNames.sameAttachmentPoint("/dev/sdf", "/dev/sdg")).isFalse();
    }

    @Test
    void aNameWithoutAnAttachmentLetterIsOnlyItself() {
        assertThat(DeviceNames.letter("/dev/nvme1n1")).isEqualTo("/dev/nvme1n1");
        assertThat(DeviceNames.letter("/dev/sd")).isEqualTo("/dev/sd");
        assertThat(DeviceNames.letter("sdf")).isEqualTo("sdf");
        assertThat(DeviceNames.sameAttachmentPoint("/dev/nvme1n1", "/dev/sdn")).isFalse();
    }

    @Test
    void thePartitionNameStandsForItsWholeDisk() {
        assertThat(DeviceNames.disk("/dev/sdf1")).isEqualTo("/dev/sdf");
        assertThat(DeviceNames.disk("/dev/xvdg6")).isEqualTo("/dev/xvdg");
        assertThat(DeviceNames.disk("/dev/sdf")).isEqualTo("/dev/sdf");
        assertThat(DeviceNames.disk("/dev/nvme1n1")).isEqualTo("/dev/nvme1n1");
        assertThat(DeviceNames.disk(null)).isNull();
    }
}
