package io.snaptastic.health;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The seed's {@code check-backups}: UP when the newest completed snapshot of each mount point the agent
 * mounted is younger than its snapshotter's {@code max-snapshot-age}; details give each age.
 */
public class SnapshotsHealthIndicator implements HealthIndicator {

    private final ExpectedMounts expected;
    private final SnapshotterResolver resolver;
    private final Ec2 ec2;
    private final Clock clock;
    private final SnapshotAges ages;

    public SnapshotsHealthIndicator(ExpectedMounts expected, SnapshotterResolver resolver, Ec2 ec2, Clock clock,
            SnapshotAges ages) {
        this.expected = expected;
        this.ages = ages;
        this.resolver = resolver;
        this.ec2 = ec2;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        Map<String, List<ExpectedMount>> bySnapshotter = expected.all().stream()
                .collect(Collectors.groupingBy(ExpectedMount::snapshotter, LinkedHashMap::new, Collectors.toList()));
        bySnapshotter.forEach((name, mounts) -> {
            try {
                SnapshotterContext context = resolver.resolve(name, null);
                Duration maxAge = context.snapshotter().settings().maxSnapshotAge();
                mounts.forEach(mount -> ages.maxAge(mount.mountPoint(), maxAge));
                List<Snapshot> snapshots = ec2.describeSnapshots(ResourceTags.snapshotFilters(context));
                for (ExpectedMount mount : mounts) {
                    Optional<Snapshot> newest = newest(snapshots, mount.mountPoint());
                    newest.ifPresent(snapshot -> ages.newest(mount.mountPoint(), snapshot.startTime()));
                    Map<String, Object> details = freshness(newest, maxAge);
                    if (!"UP".equals(details.get("status"))) {
                        health.down();
                    }
                    health.withDetail(mount.mountPoint(), details);
                }
            } catch (RuntimeException e) {
                health.down().withDetail(name, Map.of("status", "DOWN", "problem", Failures.describe(e)));
            }
        });
        return health.build();
    }

    private Map<String, Object> freshness(Optional<Snapshot> newest, Duration maxAge) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("maxAge", maxAge.toString());
        if (newest.isEmpty()) {
            details.put("status", "DOWN");
            details.put("problem", "no completed snapshot");
            return details;
        }
        Duration age = Duration.between(newest.get().startTime(), clock.instant());
        details.put("snapshotId", newest.get().id());
        details.put("startTime", newest.get().startTime().toString());
        details.put("age", age.withNanos(0).toString());
        details.put("ageSeconds", age.getSeconds());
        details.put("status", age.compareTo(maxAge) > 0 ? "DOWN" : "UP");
        return details;
    }

    static Optional<Snapshot> newest(List<Snapshot> snapshots, String mountPoint) {
        return snapshots.stream()
                .filter(s -> Snapshot.COMPLETED.equals(s.state()) && s.startTime() != null)
                .filter(s -> mountPoint.equals(s.tags().get(ResourceTags.MOUNT_POINT)))
                .max(Comparator.comparing(Snapshot::startTime));
    }
}
