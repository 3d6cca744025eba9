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
 * the snapshots health check last saw.
 */
public class SnapshotAges {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Instant> newest = new ConcurrentHashMap<>();

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

    private double seconds(Instant startTime) {
        return startTime == null ? Double.NaN : Duration.between(startTime, clock.instant()).toMillis() / 1000.0;
    }
}
