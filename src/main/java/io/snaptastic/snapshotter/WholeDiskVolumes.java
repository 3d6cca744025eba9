package io.snaptastic.snapshotter;

import java.util.ArrayList;
import java.util.List;

/**
 * Volumes with the seed's partition names ({@code /dev/sdf1}) turned into the whole disk EC2
 * attaches ({@code /dev/sdf}), and a warning for each name changed. The seed formatted and mounted
 * that name as a whole disk on its paravirtual instances; on HVM EC2 refuses the digit, and on Nitro
 * no partition {@code nvmeXn1p1} ever appears. Done once, where volumes are resolved, so attach,
 * DescribeInstances lookups, health, DeleteOnTermination and unmount all see the same name.
 *
 * @param volumes the volumes, each with its whole-disk device name
 * @param warnings one sentence per changed name, for the log and the user
 */
public record WholeDiskVolumes(List<VolumeSpec> volumes, List<String> warnings) {

    public WholeDiskVolumes {
        volumes = List.copyOf(volumes);
        warnings = List.copyOf(warnings);
    }

    /** @param prefix names each volume in a warning, as {@code prefix[i].device} */
    public static WholeDiskVolumes of(String prefix, List<VolumeSpec> configured) {
        List<VolumeSpec> volumes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            VolumeSpec volume = configured.get(i);
            String disk = DeviceNames.disk(volume.device());
            if (disk != null && !disk.equals(volume.device())) {
                warnings.add(prefix + "[" + i + "].device: " + volume.device() + " is attached as the whole disk " + disk
                        + " (a partition digit is the Python snaptastic's paravirtual name, which EC2 refuses on HVM"
                        + " instances); configure " + disk + " to silence this warning");
                volume = volume.withDevice(disk);
            }
            volumes.add(volume);
        }
        return new WholeDiskVolumes(volumes, warnings);
    }
}
