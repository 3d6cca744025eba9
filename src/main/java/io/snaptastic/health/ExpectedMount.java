package io.snaptastic.health;

/**
 * A mount point the agent mounted and expects to stay mounted.
 *
 * @param snapshotter whose volume it is
 * @param device the device it was attached at, such as {@code /dev/sdf}
 * @param mountPoint where it is mounted
 * @param volumeId the EBS volume mounted there; null when unknown
 */
public record ExpectedMount(String snapshotter, String device, String mountPoint, String volumeId) {}
