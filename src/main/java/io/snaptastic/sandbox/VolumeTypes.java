package io.snaptastic.sandbox;

import java.util.Map;

/** EBS volume types with their size, IOPS and throughput limits, and the defaults EC2 reports. */
final class VolumeTypes {

    private record Limits(int minSize, int maxSize, int minIops, int maxIops) {}

    private static final Map<String, Limits> TYPES = Map.of(
            "gp2", new Limits(1, 16384, 0, 0),
            "gp3", new Limits(1, 16384, 3000, 80000),
            "io1", new Limits(4, 16384, 100, 64000),
            "io2", new Limits(4, 65536, 100, 256000),
            "st1", new Limits(125, 16384, 0, 0),
            "sc1", new Limits(125, 16384, 0, 0),
            "standard", new Limits(1, 1024, 0, 0));

    /**
     * Provisioned IOPS per GiB at most: gp3 500, io1 50, io2 1,000 (EBS user guide, general-purpose.html
     * and provisioned-iops.html); gp3's 3000 baseline holds at any size.
     */
    private static final Map<String, Integer> IOPS_PER_GIB = Map.of("gp3", 500, "io1", 50, "io2", 1000);

    private VolumeTypes() {}

    /** The IOPS the volume has: checked when given, EC2's default when not. */
    static Integer iops(String type, int size, Integer iops) {
        Limits limits = limits(type);
        if (size < limits.minSize() || size > limits.maxSize()) {
            throw Ec2Error.invalidValue("Volume of " + size + "GiB is outside the size range of " + type + ": "
                    + limits.minSize() + " to " + limits.maxSize() + " GiB.");
        }
        if (limits.maxIops() == 0) {
            if (iops != null) {
                throw Ec2Error.combination("The parameter iops is not supported for " + type + " volumes.");
            }
            // gp2 has 3 IOPS per GiB, at least 100 and at most 16000: EC2 reports it.
            return type.equals("gp2") ? Math.max(100, Math.min(16000, 3 * size)) : null;
        }
        if (iops == null) {
            if (type.equals("gp3")) {
                return 3000;
            }
            throw Ec2Error.missing("iops");
        }
        if (iops < limits.minIops() || iops > limits.maxIops()) {
            throw Ec2Error.invalidValue("Value (" + iops + ") for parameter iops is invalid for " + type + ": "
                    + limits.minIops() + " to " + limits.maxIops() + ".");
        }
        int perGib = IOPS_PER_GIB.get(type);
        if (iops > Math.max((long) perGib * size, type.equals("gp3") ? 3000 : 0)) {
            throw Ec2Error.invalidValue("Iops to volume size ratio of " + ratio((double) iops / size)
                    + " is too high; maximum is " + ratio(perGib) + ".");
        }
        return iops;
    }

    /**
     * The throughput in MiB/s, only gp3 has one: checked when given, 125 when not; at most 0.25 MiB/s per
     * IOPS above the 125 baseline (EBS user guide, general-purpose.html).
     */
    static Integer throughput(String type, Integer iops, Integer throughput) {
        if (!type.equals("gp3")) {
            if (throughput != null) {
                throw Ec2Error.combination("The parameter throughput is not supported for " + type + " volumes.");
            }
            return null;
        }
        if (throughput == null) {
            return 125;
        }
        if (throughput < 125 || throughput > 2000) {
            throw Ec2Error.invalidValue("Value (" + throughput + ") for parameter throughput is invalid: 125 to 2000.");
        }
        if (throughput > 125 && throughput > iops * 0.25) {
            throw Ec2Error.invalidValue("Throughput (MiBps) to iops ratio of " + ratio((double) throughput / iops)
                    + " is too high; maximum is 0.250000 MiBps per iops.");
        }
        return throughput;
    }

    private static String ratio(double value) {
        return String.format(java.util.Locale.ROOT, "%.6f", value);
    }

    private static Limits limits(String type) {
        Limits limits = TYPES.get(type);
        if (limits == null) {
            throw Ec2Error.invalidValue("Value (" + type + ") for parameter volumeType is invalid. Valid types: "
                    + String.join(", ", new java.util.TreeSet<>(TYPES.keySet())) + ".");
        }
        return limits;
    }
}
