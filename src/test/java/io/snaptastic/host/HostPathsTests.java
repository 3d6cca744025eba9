package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostPathsTests {

    @Test
    void namesTheDeviceAndHidesEveryOtherPathButTheKeptOnes() {
        String text = "can't read superblock on /dev/nvme1n1 (from /var/lib/snaptastic/sandbox/dev/sdf) at /mnt/solr:"
                + " see /var/log/kern.log";

        assertThat(HostPaths.hidden(text, Path.of("/var/lib/snaptastic/sandbox/dev/sdf"), Path.of("/dev/nvme1n1"), "/mnt/solr"))
                .isEqualTo("can't read superblock on the device (from the device) at /mnt/solr: see a host path");
    }

    @Test
    void leavesTextWithoutPathsAlone() {
        assertThat(HostPaths.hidden("mount(2) system call failed: Structure needs cleaning.", Path.of("/dev/sdf"),
                Path.of("/dev/loop3"))).isEqualTo("mount(2) system call failed: Structure needs cleaning.");
    }
}
