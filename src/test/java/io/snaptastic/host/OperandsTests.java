package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.snaptastic.host.HostException.InvalidOperandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperandsTests {

    @TempDir
    Path dir;

    @Test
    void followsLinksToTheDeviceNodeUnderDev() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("sdf"), Path.of("/dev/null"));
        try {
            assertThat(Operands.device(link)).isEqualTo(Path.of("/dev/null"));
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void rejectsALinkThatLeadsOutOfDev() throws IOException {
        Path file = Files.createFile(dir.resolve("image"));
        Path link = Files.createSymbolicLink(dir.resolve("sdf"), file);

        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> Operands.device(link))
                .withMessageContaining("not under /dev");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-F", "dev/sdf", "/dev/sdf;rm", "/dev/../etc/passwd", "/dev/does-not-exist", "/dev"})
    void rejectsUnsafeOrMissingDevices(String device) {
        assertThatExceptionOfType(InvalidOperandException.class).isThrownBy(() -> Operands.device(Path.of(device)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "relative", "/mnt/../etc", "/mnt/./solr", "/mnt/solr/", "/mnt/so lr", "/mnt/$x", "-o"})
    void rejectsUnsafeMountPoints(String mountPoint) {
        assertThatExceptionOfType(InvalidOperandException.class).isThrownBy(() -> Operands.mountPoint(mountPoint));
    }

    @Test
    void acceptsAnAbsoluteNormalMountPoint() {
        assertThat(Operands.mountPoint("/mnt/solr-data_1.2")).isEqualTo("/mnt/solr-data_1.2");
    }

    @Test
    void joinsSafeMountOptionsAndRejectsSmuggledOnes() {
        assertThat(Operands.mountOptions(List.of("defaults", "noatime", "data=ordered"))).isEqualTo("defaults,noatime,data=ordered");
        assertThat(Operands.mountOptions(List.of())).isEqualTo("defaults");
        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> Operands.mountOptions(List.of("noatime,exec")));
        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> Operands.mountOptions(List.of("noatime suid")));
    }

    @Test
    void acceptsOnlyExt4AndXfs() {
        assertThat(Operands.filesystem("xfs")).isEqualTo("xfs");
        assertThatExceptionOfType(InvalidOperandException.class).isThrownBy(() -> Operands.filesystem("vfat"));
    }
}
