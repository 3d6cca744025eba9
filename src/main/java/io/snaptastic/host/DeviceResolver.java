package io.snaptastic.host;

import io.snaptastic.host.HostException.InvalidOperandException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the device node of an attached EBS volume, always the whole disk (the agent formats and
 * mounts whole disks; a partition digit in the name is the seed's paravirtual name for the disk).
 * On Nitro the volume id is read from the EBS NVMe controller's serial, the only identity that
 * cannot be stale; on Xen the requested name is used, shifted by the seed's {@code device_name_offset}
 * where the kernel names disks {@code xvd*}.
 */
public class DeviceResolver {

    private static final Pattern VOLUME_ID = Pattern.compile("^vol-[0-9a-f]+$");
    private static final Pattern REQUESTED = Pattern.compile("^/dev/(sd|xvd)([a-z]{1,2})([0-9]*)$");
    // nvme1n1, or nvme0c1n1 for a path of a multipath subsystem, whose block device is nvme0n1.
    private static final Pattern NAMESPACE = Pattern.compile("^nvme(\\d+)(?:c\\d+)?n(\\d+)$");
    /**
     * The model an EBS volume's NVMe controller reports: "mn" in the user guide's {@code nvme id-ctrl}
     * example, sysfs {@code model}
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/nvme-ebs-volumes.html). Instance-store NVMe,
     * also on Xen I3 and F1 instances, reports another model ("Amazon EC2 NVMe Instance Storage", not
     * verified here) and must not switch an instance to the Nitro path.
     */
    static final String EBS_MODEL = "Amazon Elastic Block Store";

    private final Path deviceDir;
    private final Path sysfsRoot;
    private final int deviceNameOffset;

    public DeviceResolver(Path deviceDir, Path sysfsRoot, int deviceNameOffset) {
        this.deviceDir = deviceDir;
        this.sysfsRoot = sysfsRoot;
        this.deviceNameOffset = deviceNameOffset;
    }

    /**
     * The device node of the volume, when it is there.
     *
     * @param volumeId the EBS volume id, {@code vol-0abc…}
     * @param requestedDevice the name it was attached as, {@code /dev/sdf}; a partition digit is ignored
     * @return empty while the device has not appeared, and on Nitro when no controller carries the
     *     volume's serial
     */
    public Optional<Path> resolve(String volumeId, String requestedDevice) {
        if (volumeId == null || !VOLUME_ID.matcher(volumeId).matches()) {
            throw new InvalidOperandException("not a volume id: " + volumeId);
        }
        Matcher requested = requestedDevice == null ? null : REQUESTED.matcher(requestedDevice);
        if (requested == null || !requested.matches()) {
            throw new InvalidOperandException("not a device name like /dev/sdf: " + requestedDevice);
        }
        List<Path> controllers = ebsControllers();
        if (!controllers.isEmpty()) {
            return nitro(controllers, "vol" + volumeId.substring("vol-".length()));
        }
        return xen(requested.group(1), requested.group(2));
    }

    Path deviceDir() {
        return deviceDir;
    }

    Path sysfsRoot() {
        return sysfsRoot;
    }

    private Optional<Path> nitro(List<Path> controllers, String serial) {
        for (Path controller : controllers) {
            if (serial.equals(attribute(controller, "serial"))) {
                return namespaceOf(controller).map(deviceDir::resolve).filter(Files::exists);
            }
        }
        return Optional.empty();
    }

    private Optional<Path> xen(String prefix, String letters) {
        Path asRequested = deviceDir.resolve(prefix + letters);
        if (Files.exists(asRequested)) {
            return Optional.of(asRequested);
        }
        char last = (char) (letters.charAt(letters.length() - 1) + deviceNameOffset);
        if (last < 'a' || last > 'z') {
            return Optional.empty();
        }
        String shifted = letters.substring(0, letters.length() - 1) + last;
        return Optional.of(deviceDir.resolve("xvd" + shifted)).filter(Files::exists);
    }

    /** The NVMe controllers of EBS volumes; none on Xen, even where instance-store NVMe is present. */
    private List<Path> ebsControllers() {
        Path nvmeClass = sysfsRoot.resolve("class").resolve("nvme");
        if (!Files.isDirectory(nvmeClass)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(nvmeClass)) {
            return entries.filter(Files::isDirectory)
                    .filter(controller -> EBS_MODEL.equals(attribute(controller, "model")))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + nvmeClass, e);
        }
    }

    /** A controller's serial or model, which the kernel pads with spaces to the NVMe field's width. */
    private static String attribute(Path controller, String name) {
        try {
            return Files.readString(controller.resolve(name), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<String> namespaceOf(Path controller) {
        try (Stream<Path> entries = Files.list(controller)) {
            return entries.map(path -> NAMESPACE.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> "nvme" + m.group(1) + "n" + m.group(2))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
