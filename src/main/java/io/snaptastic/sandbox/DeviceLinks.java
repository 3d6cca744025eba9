package io.snaptastic.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The device nodes an attached sandbox volume shows, as the {@code DeviceResolver} reads them:
 * {@code dev/sdf -> /dev/loopN}; on Nitro also {@code dev/nvmeKn1 -> /dev/loopN},
 * {@code dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol… -> ../../nvmeKn1} and the controller's
 * {@code sys/class/nvme/nvmeK/serial} holding {@code vol…} (the volume id without its dash) and its
 * {@code model}, "Amazon Elastic Block Store".
 */
final class DeviceLinks {

    private final Path deviceDir;
    private final Path sysfsRoot;

    DeviceLinks(Path deviceDir, Path sysfsRoot) {
        this.deviceDir = deviceDir;
        this.sysfsRoot = sysfsRoot;
    }

    Path deviceDir() {
        return deviceDir;
    }

    Path sysfsRoot() {
        return sysfsRoot;
    }

    void create(String device, String loopDevice, String volumeId, Integer nvmeIndex) {
        try {
            link(deviceDir.resolve(name(device)), Path.of(loopDevice));
            if (nvmeIndex != null) {
                String namespace = "nvme" + nvmeIndex + "n1";
                link(deviceDir.resolve(namespace), Path.of(loopDevice));
                link(byId(volumeId), Path.of("../..", namespace));
                Path controller = controller(nvmeIndex);
                Files.createDirectories(controller.resolve(namespace));
                Files.writeString(controller.resolve("serial"), serial(volumeId) + "\n");
                // The kernel pads the 40-byte NVMe model field with spaces; EBS reports this model.
                Files.writeString(controller.resolve("model"), String.format("%-40s%n", "Amazon Elastic Block Store"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the device links of " + volumeId, e);
        }
    }

    void remove(String device, String volumeId, Integer nvmeIndex) {
        try {
            Files.deleteIfExists(deviceDir.resolve(name(device)));
            if (nvmeIndex != null) {
                Files.deleteIfExists(deviceDir.resolve("nvme" + nvmeIndex + "n1"));
                Files.deleteIfExists(byId(volumeId));
                Path controller = controller(nvmeIndex);
                if (Files.exists(controller)) {
                    try (Stream<Path> tree = Files.walk(controller)) {
                        for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(path);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the device links of " + volumeId, e);
        }
    }

    /** The NVMe serial of a volume: EBS reports {@code vol} and the id's hex digits, without the dash. */
    static String serial(String volumeId) {
        return volumeId.replace("-", "");
    }

    private Path byId(String volumeId) {
        return deviceDir.resolve("disk/by-id/nvme-Amazon_Elastic_Block_Store_" + serial(volumeId));
    }

    private Path controller(int nvmeIndex) {
        return sysfsRoot.resolve("class/nvme/nvme" + nvmeIndex);
    }

    private static String name(String device) {
        if (!AttachmentActions.DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("not an EBS device name: " + device);
        }
        return device.substring("/dev/".length());
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
