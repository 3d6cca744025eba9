package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class LsblkParserTests {

    @Test
    void flattensDevicesAndTheirPartitions() {
        String json = """
                {"blockdevices": [
                   {"name":"nvme0n1", "path":"/dev/nvme0n1", "size":8589934592, "type":"disk", "fstype":null,
                    "mountpoint":null, "serial":"vol0123456789abcdef0",
                    "children": [
                       {"name":"nvme0n1p1", "path":"/dev/nvme0n1p1", "size":8588886016, "type":"part",
                        "fstype":"xfs", "mountpoint":"/", "serial":null}
                    ]},
                   {"name":"nvme1n1", "path":"/dev/nvme1n1", "size":21474836480, "type":"disk", "fstype":"ext4",
                    "mountpoint":"/mnt/solr", "serial":"vol0abc"}
                ]}
                """;

        assertThat(LsblkParser.parse(json)).containsExactly(
                new BlockDeviceInfo("nvme0n1", "/dev/nvme0n1", 8589934592L, "disk", null, null, "vol0123456789abcdef0", null),
                new BlockDeviceInfo("nvme0n1p1", "/dev/nvme0n1p1", 8588886016L, "part", "xfs", "/", null, "nvme0n1"),
                new BlockDeviceInfo("nvme1n1", "/dev/nvme1n1", 21474836480L, "disk", "ext4", "/mnt/solr", "vol0abc", null));
    }

    @Test
    void readsOlderUtilLinuxThatWritesEveryValueAsAString() {
        String json = """
                {"blockdevices": [
                   {"name": "xvdf", "path": "/dev/xvdf", "size": "21474836480", "type": "disk", "fstype": "",
                    "mountpoint": null, "serial": "vol0abc   "}
                ]}
                """;

        assertThat(LsblkParser.parse(json)).containsExactly(
                new BlockDeviceInfo("xvdf", "/dev/xvdf", 21474836480L, "disk", null, null, "vol0abc", null));
    }

    @Test
    void rejectsOutputThatIsNotLsblkJson() {
        assertThatIllegalArgumentException().isThrownBy(() -> LsblkParser.parse("{\"devices\": []}"));
        assertThatIllegalArgumentException().isThrownBy(() -> LsblkParser.parse("NAME SIZE"));
    }

    @Test
    void rejectsASizeThatIsNotInBytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LsblkParser.parse("{\"blockdevices\": [{\"name\": \"sda\", \"size\": \"20G\"}]}"))
                .withMessageContaining("-b");
    }
}
