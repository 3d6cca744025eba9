package io.snaptastic.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The age of the newest completed snapshot per mount point as a gauge
 * ({@code snaptastic_snapshot_newest_age_seconds}), computed at each scrape from the newest start time
 * the snapshots health check last saw, beside the largest age its snapshotter allows
 * ({@code snaptastic_snapshot_max_age_seconds}, the {@code max-snapshot-age}), so a dashboard can plot one against the other.
 */
public class SnapshotAges {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Instant> newest = new ConcurrentHashMap<>();
    private final Map<String, Duration> maxAges = new ConcurrentHashMap<>();

    public SnapshotAges(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public void newest(String mountPoint, Instant startTime) {
        if (newest.put(mountPoint, startTime) == null) {
            Gauge.builder("snaptastic.snapshot.newest.age", newest,
                            map -> seconds(map.get(mountPoint)))
                    .description("Age of the newest completed snapshot of the mount point")
                    .baseUnit("seconds").tag("mount_point", mountPoint).register(meters);
        }
    }

    public void maxAge(String mountPoint, Duration maxAge) {
        if (maxAges.put(mountPoint, maxAge) == null) {
            Gauge.builder("snaptastic.snapshot.max.age", maxAges, map -> map.get(mountPoint).toMillis() / 1000.0)
                    .description("The max-snapshot-age of the mount point's snapshotter")
                    .baseUnit("seconds").tag("mount_point", mountPoint).register(meters);
        }
    }

    private double seconds(Instant startTime) {
        return startTime == null ? Double.NaN : Duration.between(startTime, clock.instant()).toMillis() / 1000.0;
    }
}
