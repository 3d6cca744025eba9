package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MountTableTests {

    static final String MOUNTINFO = """
            22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p1 rw
            31 22 7:3 / /mnt/solr rw,noatime shared:12 - ext4 /dev/loop3 rw
            40 22 0:45 / /mnt/tmp rw - tmpfs tmpfs rw
            """;

    @Test
    void findsTheDeviceByMajorMinor() {
        assertThat(MountTable.mounted(MOUNTINFO, "7:3", "/dev/loop9")).isTrue();
    }

    @Test
    void findsTheDeviceByItsPath() {
        assertThat(MountTable.mounted(MOUNTINFO, "7:99", "/dev/loop3")).isTrue();
    }

    @Test
    void anUnmountedDeviceIsNotBusy() {
        assertThat(MountTable.mounted(MOUNTINFO, "7:4", "/dev/loop4")).isFalse();
        assertThat(MountTable.mounted("", "7:4", "/dev/loop4")).isFalse();
    }
}
