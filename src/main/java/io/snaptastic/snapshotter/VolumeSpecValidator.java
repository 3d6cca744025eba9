package io.snaptastic.snapshotter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks volumes against what EC2 and a safe host accept, before anything is created or run. Used for
 * the YAML configuration at start-up and for volumes a request or userdata brings.
 */
public final class VolumeSpecValidator {

    /**
     * Data volume names EC2 accepts on HVM instances: sd[f-p] are recommended, sd[q-z] and xvd[f-z] are
     * available too (sd[b-e] belong to instance store), so 21 volumes fit; the partition digit is the
     * seed's /dev/sdf1 form. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/device_naming.html
     */
    static final Pattern DEVICE = Pattern.compile("^/dev/(sd|xvd)[f-z][1-9]?$");

    /** Mount points go into argv and mountinfo comparisons: plain path characters only. */
    static final Pattern MOUNT_POINT_CHARS = Pattern.compile("^/[A-Za-z0-9._@+/-]+$");

    static final Pattern MOUNT_OPTION = Pattern.compile("^[A-Za-z0-9_=.:/+-]+$");

    /** What a new, empty volume is formatted as; a restore mounts whatever the snapshot holds (ext3 too). */
    static final Set<String> FILE_SYSTEMS = Set.of("ext4", "xfs");

    /** Size, IOPS and throughput ranges per volume type, as EC2 documents them. */
    private static final Map<String, Limits> TYPES = Map.of(
            "gp3", new Limits(1, 65536, 3000, 80000, 125, 2000),
            "gp2", new Limits(1, 16384, 0, 0, 0, 0),
            "io1", new Limits(4, 16384, 100, 64000, 0, 0),
            "io2", new Limits(4, 65536, 100, 256000, 0, 0),
            "st1", new Limits(125, 16384, 0, 0, 0, 0),
            "sc1", new Limits(125, 16384, 0, 0, 0, 0),
            "standard", new Limits(1, 1024, 0, 0, 0, 0));

    /**
     * The most provisioned IOPS a GiB may carry: "The maximum ratio of provisioned IOPS to provisioned
     * volume size is 500 IOPS per GiB" (gp3), 50:1 (io1) and 1,000:1 (io2), EBS user guide
     * https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html and .../provisioned-iops.html.
     */
    private static final Map<String, Integer> IOPS_PER_GIB = Map.of("gp3", 500, "io1", 50, "io2", 1000);

    /** gp3's IOPS and throughput every size gets, above any ratio (EBS user guide, general-purpose.html). */
    static final int GP3_BASELINE_IOPS = 3000;

    static final int GP3_BASELINE_THROUGHPUT = 125;

    /** "The maximum ratio of provisioned throughput to provisioned IOPS is .25 MiB/s per IOPS" (gp3, same page). */
    static final double GP3_THROUGHPUT_PER_IOPS = 0.25;

    private final List<String> systemDirectories;

    public VolumeSpecValidator(List<String> systemDirectories) {
        this.systemDirectories = List.copyOf(systemDirectories);
    }

    /** Every problem with the volumes, each prefixed with {@code prefix[i].property}. */
    public List<String> validate(String prefix, List<VolumeSpec> volumes) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < volumes.size(); i++) {
            validate(prefix + "[" + i + "]", volumes.get(i), problems);
        }
        checkOverlaps(prefix, volumes, problems);
        return problems;
    }

    private void validate(String at, VolumeSpec volume, List<String> problems) {
        if (volume.device() == null || !DEVICE.matcher(volume.device()).matches()) {
            problems.add(at + ".device: '" + printable(volume.device())
                    + "' is not a data volume device EC2 accepts (/dev/sd[f-z] or /dev/xvd[f-z], optional partition digit)");
        }
        String mountPointProblem = mountPointProblem(volume.mountPoint());
        if (mountPointProblem != null) {
            problems.add(at + ".mount-point: " + mountPointProblem);
        }
        int before = problems.size();
        Limits limits = TYPES.get(volume.type());
        if (limits == null) {
            problems.add(at + ".type: '" + printable(volume.type()) + "' is not one of " + TYPES.keySet().stream().sorted().toList());
            limits = TYPES.get("gp3");
        } else if (volume.size() < limits.minSize() || volume.size() > limits.maxSize()) {
            problems.add(at + ".size: " + volume.size() + " GiB is outside " + limits.minSize() + ".." + limits.maxSize()
                    + " GiB for " + volume.type());
        }
        checkRange(at + ".iops", volume.iops(), limits.minIops(), limits.maxIops(), volume.type(), problems);
        checkRange(at + ".throughput", volume.throughput(), limits.minThroughput(), limits.maxThroughput(), volume.type(), problems);
        if (problems.size() == before) {
            checkRatios(at, volume, problems);
        }
        if (!FILE_SYSTEMS.contains(volume.fileSystem())) {
            problems.add(at + ".file-system: '" + printable(volume.fileSystem()) + "' is not one of [ext4, xfs]");
        }
        for (String option : volume.mountOptions()) {
            if (option == null || !MOUNT_OPTION.matcher(option).matches()) {
                problems.add(at + ".mount-options: '" + printable(option) + "' is not a plain mount option");
            }
        }
        if (volume.kmsKeyId() != null && !volume.encrypted()) {
            problems.add(at + ".kms-key-id: a KMS key is only used when encrypted is true");
        }
    }

    /** Why the path may not be a mount point, or null when it may. */
    public String mountPointProblem(String mountPoint) {
        if (mountPoint == null || mountPoint.isEmpty()) {
            return "is missing";
        }
        if (!MOUNT_POINT_CHARS.matcher(mountPoint).matches()) {
            return "'" + printable(mountPoint) + "' must be an absolute path of letters, digits and ._@+-/";
        }
        if (!Path.of(mountPoint).normalize().toString().equals(mountPoint)) {
            return "'" + mountPoint + "' is not normalised (no ., .., // or trailing /)";
        }
        if (mountPoint.equals("/")) {
            return "'/' is the root filesystem";
        }
        for (String system : systemDirectories) {
            if (mountPoint.equals(system) || mountPoint.startsWith(system + "/")) {
                return "'" + mountPoint + "' is a system directory (" + system + ")";
            }
        }
        return null;
    }

    private static void checkRange(String at, Integer value, int min, int max, String type, List<String> problems) {
        if (value == null) {
            return;
        }
        if (max == 0) {
            problems.add(at + ": " + type + " volumes do not take this setting");
        } else if (value < min || value > max) {
            problems.add(at + ": " + value + " is outside " + min + ".." + max + " for " + type);
        }
    }

    /** The ratios EC2 checks once each value is in its range; only then, so one mistake is told once. */
    private static void checkRatios(String at, VolumeSpec volume, List<String> problems) {
        Integer perGib = IOPS_PER_GIB.get(volume.type());
        if (perGib == null) {
            return;
        }
        boolean gp3 = volume.type().equals("gp3");
        int iops = volume.iops() != null ? volume.iops() : GP3_BASELINE_IOPS; // only gp3 may leave it out
        long maxIops = (long) perGib * volume.size();
        if (volume.iops() != null && iops > Math.max(maxIops, gp3 ? GP3_BASELINE_IOPS : 0)) {
            problems.add(at + ".iops: " + iops + " is more than " + perGib + " IOPS per GiB allows for " + volume.type()
                    + " (at most " + Math.max(maxIops, gp3 ? GP3_BASELINE_IOPS : 0) + " for " + volume.size() + " GiB)");
        }
        if (gp3 && volume.throughput() != null) {
            int maxThroughput = Math.max(GP3_BASELINE_THROUGHPUT, (int) Math.floor(iops * GP3_THROUGHPUT_PER_IOPS));
            if (volume.throughput() > maxThroughput) {
                problems.add(at + ".throughput: " + volume.throughput() + " MiB/s is more than 0.25 MiB/s per IOPS allows"
                        + " for gp3 (at most " + maxThroughput + " for " + iops + " IOPS)");
            }
        }
    }

    private static void checkOverlaps(String prefix, List<VolumeSpec> volumes, List<String> problems) {
        for (int i = 0; i < volumes.size(); i++) {
            for (int j = 0; j < i; j++) {
                VolumeSpec a = volumes.get(j);
                VolumeSpec b = volumes.get(i);
                if (a.device() != null && b.device() != null && DeviceNames.sameAttachmentPoint(a.device(), b.device())) {
                    problems.add(prefix + "[" + i + "].device: '" + b.device() + "' is the same device as " + prefix + "[" + j + "]");
                }
                if (a.mountPoint() != null && b.mountPoint() != null && nested(a.mountPoint(), b.mountPoint())) {
                    problems.add(prefix + "[" + i + "].mount-point: '" + b.mountPoint() + "' overlaps " + prefix + "[" + j
                            + "] ('" + a.mountPoint() + "')");
                }
            }
        }
    }

    private static boolean nested(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    /** Control characters and NUL bytes are shown escaped, never echoed raw into a log or answer. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private record Limits(int minSize, int maxSize, int minIops, int maxIops, int minThroughput, int maxThroughput) {}
}
