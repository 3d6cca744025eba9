package io.snaptastic.snapshotter;

import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One EBS volume a snapshotter manages: where it is attached and mounted, and how it is created.
 * Bound from YAML ({@code snaptastic.snapshotters.NAME.volumes[i]}) or read from userdata.
 *
 * @param device the device name EC2 attaches at, such as {@code /dev/sdf}
 * @param mountPoint the absolute directory it is mounted on; also the {@code mount_point} tag
 * @param size size in GiB of a volume created empty; a restored volume is at least its snapshot's size
 * @param type EBS volume type: gp3 gp2 io1 io2 st1 sc1 standard
 * @param iops provisioned IOPS (gp3, io1, io2 only); null for the type's default
 * @param throughput provisioned throughput in MiB/s (gp3 only); null for the default
 * @param fileSystem ext4 or xfs, used when the volume is created empty
 * @param mountOptions options passed to mount with -o
 * @param encrypted whether new volumes are encrypted
 * @param kmsKeyId the KMS key for encryption; null for the account's EBS default key
 * @param deleteOnTermination whether EC2 deletes the volume when the instance terminates
 */
public record VolumeSpec(
        String device,
        String mountPoint,
        @DefaultValue("5") int size,
        @DefaultValue("gp3") String type,
        Integer iops,
        Integer throughput,
        @DefaultValue("ext4") String fileSystem,
        @DefaultValue("defaults") List<String> mountOptions,
        @DefaultValue("true") boolean encrypted,
        String kmsKeyId,
        @DefaultValue("true") boolean deleteOnTermination) {

    public VolumeSpec {
        mountOptions = mountOptions == null ? List.of("defaults") : List.copyOf(mountOptions);
        type = type == null ? "gp3" : type;
        fileSystem = fileSystem == null ? "ext4" : fileSystem;
    }

    /** The same volume at another device name. */
    public VolumeSpec withDevice(String newDevice) {
        return new VolumeSpec(newDevice, mountPoint, size, type, iops, throughput, fileSystem, mountOptions, encrypted, kmsKeyId,
                deleteOnTermination);
    }

    /** A gp3, ext4, encrypted volume with default options: the common case, and the seed's shape. */
    public static VolumeSpec of(String device, String mountPoint, int size) {
        return new VolumeSpec(device, mountPoint, size, "gp3", null, null, "ext4", List.of("defaults"), true, null, true);
    }
}
