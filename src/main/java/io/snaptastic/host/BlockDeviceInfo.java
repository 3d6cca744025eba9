package io.snaptastic.host;

/**
 * One block device as {@code lsblk} reports it; children (partitions) are listed after their parent.
 *
 * @param name the kernel name, such as {@code nvme1n1}
 * @param path the device node
 * @param size the size in bytes
 * @param type {@code disk}, {@code part}, {@code loop} …
 * @param fsType the filesystem type, or null
 * @param mountPoint where it is mounted, or null
 * @param serial the device serial (on Nitro, {@code vol} + the volume id without its dash), or null
 * @param parent the name of the device it is a child of, or null
 */
public record BlockDeviceInfo(
        String name, String path, long size, String type, String fsType, String mountPoint, String serial, String parent) {}
