package io.snaptastic.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * EC2's pace of snapshots per volume: a snapshot of a volume sooner than about 15 s after the previous
 * one is refused with SnapshotCreationPerVolumeRateExceeded, HTTP 400 ("Error codes for the Amazon EC2
 * API": "Wait at least 15 seconds between concurrent volume snapshots"; CSI PR #1659). Used holding
 * the store's monitor, so a check and its record are one step.
 */
final class SnapshotPace {

    private final Duration interval;
    private final Clock clock;
    private final Map<String, Instant> lastStart = new HashMap<>();

    SnapshotPace(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** Refuses the whole request when any of the volumes had a snapshot within the interval. */
    synchronized void check(Collection<String> volumeIds) {
        if (interval.isZero()) {
            return;
        }
        Instant now = clock.instant();
        for (String volumeId : volumeIds) {
            Instant last = lastStart.get(volumeId);
            if (last != null && now.isBefore(last.plus(interval))) {
                throw Ec2Error.client("SnapshotCreationPerVolumeRateExceeded",
                        "The maximum per volume CreateSnapshot request rate has been exceeded. Use an increasing or variable "
                                + "sleep interval between requests.");
            }
        }
    }

    synchronized void started(String volumeId, Instant at) {
        lastStart.put(volumeId, at);
    }
}
