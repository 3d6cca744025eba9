package io.snaptastic.volume;

/**
 * One configured volume as it stands now (the seed's list-volumes line).
 *
 * @param sizeGib the configured size; {@code attachedSizeGib} is the real one of the attached volume
 * @param state the attached volume's attachment state (attached, attaching, detaching), or "not-attached"
 * @param usage the filesystem's usage when mounted; null otherwise
 */
public record VolumeStatus(
        String device,
        String mountPoint,
        int sizeGib,
        String type,
        Integer iops,
        String volumeId,
        Integer attachedSizeGib,
        String state,
        boolean mounted,
        Usage usage) {

    /** Space on a mounted filesystem, in bytes. */
    public record Usage(long totalBytes, long usedBytes, long availableBytes, int usedPercent) {}
}
