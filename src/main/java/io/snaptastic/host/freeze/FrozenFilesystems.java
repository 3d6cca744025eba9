package io.snaptastic.host.freeze;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Filesystems frozen together by a {@link RecordingFreezer}. Closing thaws them all; so does the watchdog
 * when the holder takes longer than the maximum. Closing twice, or after the watchdog, does nothing.
 */
public final class FrozenFilesystems implements AutoCloseable {

    private final List<String> mountPoints;
    private final Path record;
    private final RecordingFreezer freezer;
    private ScheduledFuture<?> watchdog;
    private long frozenAt = -1;
    private long thawedAt = -1;
    private boolean thawed;
    private boolean thawedByWatchdog;

    FrozenFilesystems(List<String> mountPoints, Path record, RecordingFreezer freezer) {
        this.mountPoints = List.copyOf(mountPoints);
        this.record = record;
        this.freezer = freezer;
    }

    /** The mount points frozen, one per filesystem. */
    public List<String> mountPoints() {
        return mountPoints;
    }

    /** Thaws every filesystem, in parallel; "not frozen" counts as thawed. */
    @Override
    public void close() {
        thaw(false);
    }

    /** How long the filesystems were all frozen: from the last freeze to the last thaw (or now). */
    public synchronized Duration frozenFor() {
        if (frozenAt < 0) {
            return Duration.ZERO;
        }
        long end = thawedAt < 0 ? System.nanoTime() : thawedAt;
        return Duration.ofNanos(Math.max(0, end - frozenAt));
    }

    public long frozenMillis() {
        return frozenFor().toMillis();
    }

    /** Whether the watchdog thawed them because the holder kept them frozen too long. */
    public synchronized boolean thawedByWatchdog() {
        return thawedByWatchdog;
    }

    public synchronized boolean thawed() {
        return thawed;
    }

    synchronized void watchdog(ScheduledFuture<?> watchdog) {
        this.watchdog = watchdog;
    }

    synchronized void allFrozen() {
        if (!thawed) {
            frozenAt = System.nanoTime();
        }
    }

    void thawByWatchdog() {
        thaw(true);
    }

    private synchronized void thaw(boolean byWatchdog) {
        if (thawed) {
            return;
        }
        thawed = true;
        thawedByWatchdog = byWatchdog;
        if (watchdog != null && !byWatchdog) {
            watchdog.cancel(false);
        }
        try {
            freezer.thaw(mountPoints, record, byWatchdog);
        } finally {
            thawedAt = System.nanoTime();
        }
    }
}
