package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceLinksTests {

    static final String VOLUME = "vol-0abc123def4567890";

    @TempDir
    Path root;

    /** Removes the links to /dev itself, so the temp dir cleanup never meets a link leading out of it. */
    @AfterEach
    void removeLinks() throws Exception {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.filter(Files::isSymbolicLink).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void createsTheDeviceNameTheNvmeNamespaceItsByIdLinkAndTheSerial() throws Exception {
        DeviceLinks links = new DeviceLinks(root.resolve("dev"), root.resolve("sys"));

        links.create("/dev/sdf", "/dev/loop7", VOLUME, 2);

        assertThat(Files.readSymbolicLink(root.resolve("dev/sdf"))).isEqualTo(Path.of("/dev/loop7"));
        assertThat(Files.readSymbolicLink(root.resolve("dev/nvme2n1"))).isEqualTo(Path.of("/dev/loop7"));
        assertThat(Files.readSymbolicLink(root.resolve("dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0abc123def4567890")))
                .isEqualTo(Path.of("../../nvme2n1"));
        assertThat(Files.readString(root.resolve("sys/class/nvme/nvme2/serial")).strip()).isEqualTo("vol0abc123def4567890");
        assertThat(Files.readString(root.resolve("sys/class/nvme/nvme2/model")).strip()).isEqualTo("Amazon Elastic Block Store");
        assertThat(root.resolve("sys/class/nvme/nvme2/nvme2n1")).isEmptyDirectory();
    }

    @Test
    void withoutNitroOnlyTheDeviceNameAppears() throws Exception {
        DeviceLinks links = new DeviceLinks(root.resolve("dev"), root.resolve("sys"));

        links.create("/dev/xvdg", "/dev/loop8", VOLUME, null);

        assertThat(Files.readSymbolicLink(root.resolve("dev/xvdg"))).isEqualTo(Path.of("/dev/loop8"));
        assertThat(root.resolve("sys")).doesNotExist();
        try (Stream<Path> files = Files.list(root.resolve("dev"))) {
            assertThat(files).containsExactly(root.resolve("dev/xvdg"));
        }
    }

    @Test
    void removesEverythingItCreated() throws Exception {
        DeviceLinks links = new DeviceLinks(root.resolve("dev"), root.resolve("sys"));
        links.create("/dev/sdf", "/dev/loop7", VOLUME, 1);

        links.remove("/dev/sdf", VOLUME, 1);

        assertThat(root.resolve("dev/sdf")).doesNotExist();
        assertThat(root.resolve("dev/nvme1n1")).doesNotExist();
        assertThat(root.resolve("dev/disk/by-id")).isEmptyDirectory();
        assertThat(root.resolve("sys/class/nvme")).isEmptyDirectory();
    }
}
