package io.snaptastic.host.freeze;

import io.snaptastic.host.HostException.FreezeRefusedException;
import io.snaptastic.host.HostException.HostCommandException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Freezes filesystems for a snapshot, for at most a given time, and thaws what is left frozen. */
public interface Freezer extends AutoCloseable {

    /**
     * Freezes the filesystems at the mount points, all at once, and returns when all are frozen.
     *
     * @throws FreezeRefusedException for {@code /}, the root or state dir filesystem, a path that is
     *     not a mount point, or a filesystem this agent has frozen already
     * @throws HostCommandException when a freeze fails or takes longer than maxDuration; the ones
     *     that succeeded are thawed again
     */
    FrozenFilesystems freeze(Collection<String> mountPoints, Duration maxDuration);

    /** Thaws every freeze on record: what a killed agent left behind. */
    void thawRecorded();

    /** The mount points recorded as frozen and not thawed since; for the {@code thaw} command's report. */
    List<String> recordedMountPoints();

    /** Thaws whatever is recorded; for shutdown. */
    @Override
    void close();
}
