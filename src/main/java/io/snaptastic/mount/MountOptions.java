package io.snaptastic.mount;

/**
 * How a mount runs.
 *
 * @param dryRun only say, per volume, which snapshot would be used and which calls made
 * @param ignoreMounted skip a volume whose mount point is already mounted from something else (the seed's --ignore-mounted)
 */
public record MountOptions(boolean dryRun, boolean ignoreMounted) {

    public static final MountOptions DEFAULT = new MountOptions(false, false);
}
