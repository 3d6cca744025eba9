package io.snaptastic.snapshot;

import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.operation.OperationsUnavailableException;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.support.Lazy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts a snapshot operation for each snapshotter at its {@code schedule} plus this instance's offset
 * within {@code schedule-jitter}, once {@link #start} is called for it. A run that finds the snapshotter
 * busy is skipped, not queued.
 */
public class SnapshotSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSchedule.class);

    private final SnapshotterResolver resolver;
    private final SnapshotOperations snapshots;
    private final ThreadPoolTaskScheduler scheduler;
    private final Supplier<String> instanceId;
    private final Map<String, Snapshotter> snapshotters;
    private final Map<String, ScheduledFuture<?>> runs = new ConcurrentHashMap<>();

    /** @param instanceId asked on first use: the instance metadata service may answer later than start-up */
    public SnapshotSchedule(SnapshotterRegistry registry, SnapshotterResolver resolver, SnapshotOperations snapshots,
            Supplier<String> instanceId, ThreadPoolTaskScheduler scheduler) {
        this.resolver = resolver;
        this.snapshots = snapshots;
        this.scheduler = scheduler;
        this.instanceId = instanceId;
        this.snapshotters = registry.all().stream().filter(snapshotter -> snapshotter.settings().schedule() != null)
                .collect(Collectors.toMap(Snapshotter::name, snapshotter -> snapshotter));
    }

    /** Begins the snapshotter's scheduled runs; nothing when it has no schedule or they already began. */
    public void start(String name) {
        Snapshotter snapshotter = snapshotters.get(name);
        if (snapshotter != null && !scheduler.getScheduledExecutor().isShutdown()) {
            runs.computeIfAbsent(name, n -> scheduler.schedule(() -> run(snapshotter), times(snapshotter, instanceId)));
        }
    }

    /** How many snapshotters have a schedule; {@link #started()} of them began their runs. */
    public int scheduled() {
        return snapshotters.size();
    }

    public int started() {
        return runs.size();
    }

    static ScheduledTimes times(Snapshotter snapshotter, Supplier<String> instanceId) {
        Duration jitter = snapshotter.settings().scheduleJitter();
        Lazy<Duration> offset = new Lazy<>(() -> ScheduledTimes.offset(instanceId.get(), snapshotter.name(), jitter));
        return new ScheduledTimes(CronExpression.parse(snapshotter.settings().schedule()), ZoneId.systemDefault(),
                () -> offsetOrNone(snapshotter, jitter, offset));
    }

    void run(Snapshotter snapshotter) {
        try {
            snapshots.snapshotOnSchedule(resolver.resolve(snapshotter.name(), null));
        } catch (OperationConflictException | OperationsUnavailableException e) {
            log.info("Scheduled snapshot of {} skipped: {}", snapshotter.name(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Scheduled snapshot of {} could not start", snapshotter.name(), e);
        }
    }

    // Without the instance id no offset can be drawn; this run goes without one and the next asks again.
    private static Duration offsetOrNone(Snapshotter snapshotter, Duration jitter, Lazy<Duration> offset) {
        if (jitter.isZero()) {
            return Duration.ZERO;
        }
        try {
            return offset.get();
        } catch (RuntimeException e) {
            log.warn("Scheduled snapshots of {} run without their jitter for now: {}", snapshotter.name(), e.getMessage());
            return Duration.ZERO;
        }
    }

    @Override
    public void close() {
        runs.values().forEach(run -> run.cancel(false));
        scheduler.shutdown();
    }
}
