package io.snaptastic.sandbox;

/**
 * The sandbox's data plane: volume and snapshot images, and exposing a volume as a block device.
 * Kept behind this interface so the EC2 model is tested without root and without loop devices.
 */
interface Disks {

    /** Creates the volume's image, empty and sparse, of {@code bytes}. */
    void createImage(String volumeId, long bytes);

    /** Creates the volume's image as a copy of the snapshot's, extended to {@code bytes}. */
    void restoreImage(String snapshotId, String volumeId, long bytes);

    /** Copies the volume's image, as it is now, into the snapshot's. */
    void snapshotImage(String volumeId, String snapshotId);

    void deleteVolumeImage(String volumeId);

    void deleteSnapshotImage(String snapshotId);

    /**
     * Exposes the volume's image as a block device under {@code device} (and as NVMe controller
     * {@code nvmeIndex} when not null); returns the loop device, such as {@code /dev/loop3}.
     */
    String attach(String volumeId, String device, Integer nvmeIndex);

    /** Whether the loop device still exists and is backed by the volume's image. */
    boolean attached(String volumeId, String loopDevice);

    /** Whether the loop device holds a mounted filesystem. */
    boolean busy(String loopDevice);

    /** Removes the device links and releases the loop device. */
    void detach(String volumeId, String device, String loopDevice, Integer nvmeIndex);
}
