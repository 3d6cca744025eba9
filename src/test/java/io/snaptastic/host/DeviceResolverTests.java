package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.snaptastic.host.HostException.InvalidOperandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceResolverTests {

    @TempDir
    Path dir;

    Path devices;
    Path sysfs;

    @BeforeEach
    void createDirectories() throws IOException {
        devices = Files.createDirectories(dir.resolve("dev"));
        sysfs = Files.createDirectories(dir.resolve("sys"));
    }

    @Test
    void rejectsAnythingButAVolumeId() {
        DeviceResolver resolver = new DeviceResolver(devices, sysfs, 0);

        assertThatExceptionOfType(InvalidOperandException.class).isThrownBy(() -> resolver.resolve("vol-0ABC", "/dev/sdf"));
        assertThatExceptionOfType(InvalidOperandException.class).isThrownBy(() -> resolver.resolve("../vol-0abc", "/dev/sdf"));
        assertThatExceptionOfType(InvalidOperandException.class).isThrownBy(() -> resolver.resolve(null, "/dev/sdf"));
    }

    @Test
    void rejectsARequestedDeviceThatIsNoEbsName() {
        DeviceResolver resolver = new DeviceResolver(devices, sysfs, 0);

        assertThatExceptionOfType(InvalidOperandException.class).isThrownBy(() -> resolver.resolve("vol-0abc", "/dev/../etc"));
        assertThatExceptionOfType(InvalidOperandException.class).isThrownBy(() -> resolver.resolve("vol-0abc", "sdf"));
    }

    /** The sandbox's layout, which is also a Nitro instance's: NVMe controllers with serials. */
    @Nested
    class Nitro {

        @BeforeEach
        void createLayout() throws IOException {
            link(devices.resolve("nvme1n1"), "loop0");
            link(devices.resolve("nvme2n1"), "loop0");
            link(devices.resolve("sdf"), "loop0");
            Files.createDirectories(devices.resolve("disk/by-id"));
            Files.createSymbolicLink(devices.resolve("disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0abc"), Path.of("../../nvme2n1"));
            controller("nvme0", "vol0root", "nvme0n1");
            controller("nvme1", "vol0abc", "nvme1n1");
            controller("nvme2", "vol0def", "nvme2n1");
        }

        @Test
        void findsTheNamespaceOfTheControllerWhoseSerialIsTheVolumeId() {
            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdf"))
                    .hasValue(devices.resolve("nvme1n1"));
        }

        @Test
        void trustsNeitherStaleLinksNorXenNamesWhenNoSerialMatches() {
            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0fff", "/dev/sdf")).isEmpty();
        }

        @Test
        void findsNothingWhileTheDeviceNodeHasNotAppeared() throws IOException {
            controller("nvme3", "vol0aaa", "nvme3n1");

            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0aaa", "/dev/sdg")).isEmpty();
        }

        @Test
        void resolvesThePartitionNameToTheWholeDisk() throws IOException {
            // A /dev/sdf1 from the seed is the whole disk: no nvme1n1p1 is waited for.
            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdf1"))
                    .hasValue(devices.resolve("nvme1n1"));
        }

        @Test
        void ignoresControllersThatAreNotEbs() throws IOException {
            link(devices.resolve("nvme3n1"), "loop1");
            nvmeController("nvme3", "vol0aaa", "nvme3n1", "Amazon EC2 NVMe Instance Storage");

            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0aaa", "/dev/sdg")).isEmpty();
            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdf"))
                    .hasValue(devices.resolve("nvme1n1"));
        }

        @Test
        void mapsAMultipathNamespaceToItsSubsystemDevice() throws IOException {
            link(devices.resolve("nvme4n1"), "loop0");
            controller("nvme5", "vol0bbb", "nvme4c5n1");

            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0bbb", "/dev/sdh"))
                    .hasValue(devices.resolve("nvme4n1"));
        }

        private void controller(String name, String serial, String namespace) throws IOException {
            nvmeController(name, serial, namespace, "Amazon Elastic Block Store");
        }
    }

    /** Xen instances: no NVMe controllers; the device is named as requested, or xvd* shifted. */
    @Nested
    class Xen {

        @Test
        void usesTheRequestedNameWhenItExists() throws IOException {
            link(devices.resolve("sdf"), "loop0");
            Files.createDirectories(sysfs.resolve("class/nvme"));

            assertThat(new DeviceResolver(devices, sysfs, 1).resolve("vol-0abc", "/dev/sdf"))
                    .hasValue(devices.resolve("sdf"));
        }

        @Test
        void shiftsTheXvdNameByTheDeviceNameOffset() throws IOException {
            link(devices.resolve("xvdf"), "loop0");
            link(devices.resolve("xvdg"), "loop0");

            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdf"))
                    .hasValue(devices.resolve("xvdf"));
            assertThat(new DeviceResolver(devices, sysfs, 1).resolve("vol-0abc", "/dev/sdf"))
                    .hasValue(devices.resolve("xvdg"));
        }

        @Test
        void resolvesThePartitionNameToTheWholeDisk() throws IOException {
            link(devices.resolve("xvdj"), "loop0");
            link(devices.resolve("xvdj1"), "loop1");

            assertThat(new DeviceResolver(devices, sysfs, 4).resolve("vol-0abc", "/dev/sdf1"))
                    .hasValue(devices.resolve("xvdj"));
        }

        @Test
        void staysOnXenNamesWhenTheOnlyNvmeControllersAreInstanceStore() throws IOException {
            // An I3 or F1 on Xen: its instance-store NVMe carries a serial too, but not an EBS model.
            link(devices.resolve("xvdf"), "loop0");
            link(devices.resolve("nvme0n1"), "loop1");
            nvmeController("nvme0", "AWS1234567890ABCDEF", "nvme0n1", "Amazon EC2 NVMe Instance Storage");

            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdf"))
                    .hasValue(devices.resolve("xvdf"));
        }

        @Test
        void staysOnXenNamesWhenAControllerReportsNoModel() throws IOException {
            link(devices.resolve("xvdf"), "loop0");
            Path controller = Files.createDirectories(sysfs.resolve("class/nvme/nvme0"));
            Files.writeString(controller.resolve("serial"), "vol0abc\n");

            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdf"))
                    .hasValue(devices.resolve("xvdf"));
        }

        @Test
        void resolvesDevicesPastTheRecommendedLettersUpToZ() throws IOException {
            link(devices.resolve("xvdu"), "loop0");
            link(devices.resolve("sdz"), "loop1");

            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdu")).hasValue(devices.resolve("xvdu"));
            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdz")).hasValue(devices.resolve("sdz"));
        }

        @Test
        void findsNothingBeforeTheDeviceAppearsOrPastTheAlphabet() throws IOException {
            link(devices.resolve("xvdz"), "loop0");

            assertThat(new DeviceResolver(devices, sysfs, 0).resolve("vol-0abc", "/dev/sdf")).isEmpty();
            assertThat(new DeviceResolver(devices, sysfs, 3).resolve("vol-0abc", "/dev/sdx")).isEmpty();
        }
    }

    private void nvmeController(String name, String serial, String namespace, String model) throws IOException {
        Path controller = Files.createDirectories(sysfs.resolve("class/nvme").resolve(name));
        // The kernel pads serial and model with spaces to the widths of the NVMe fields (20 and 40).
        Files.writeString(controller.resolve("serial"), String.format("%-20s%n", serial));
        Files.writeString(controller.resolve("model"), String.format("%-40s%n", model));
        Files.createDirectories(controller.resolve(namespace));
    }

    /** Links to a stand-in device node inside the temp dir, like the sandbox's links to its loop devices. */
    private void link(Path link, String target) throws IOException {
        Path node = dir.resolve("nodes").resolve(target);
        if (!Files.exists(node)) {
            Files.createDirectories(node.getParent());
            Files.createFile(node);
        }
        Files.createSymbolicLink(link, node);
    }
}
