package io.snaptastic.snapshot;

import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.operation.OperationsUnavailableException;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.support.Lazy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts a snapshot operation for each snapshotter at its {@code schedule} plus this instance's offset
 * within {@code schedule-jitter}. A run that finds the snapshotter busy is skipped, not queued.
 */
public class SnapshotSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSchedule.class);

    private final SnapshotterResolver resolver;
    private final SnapshotOperations snapshots;
    private final ThreadPoolTaskScheduler scheduler;
    private final List<ScheduledFuture<?>> runs;

    /** @param instanceId asked on first use: the instance metadata service may answer later than start-up */
    public SnapshotSchedule(SnapshotterRegistry registry, SnapshotterResolver resolver, SnapshotOperations snapshots,
            Supplier<String> instanceId, ThreadPoolTaskScheduler scheduler) {
        this.resolver = resolver;
        this.snapshots = snapshots;
        this.scheduler = scheduler;
        this.runs = registry.all().stream()
                .filter(snapshotter -> snapshotter.settings().schedule() != null)
                .<ScheduledFuture<?>>map(snapshotter ->
                        scheduler.schedule(() -> run(snapshotter), times(snapshotter, instanceId)))
                .toList();
    }

    /** How many snapshotters have a schedule. */
    public int scheduled() {
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
        runs.forEach(run -> run.cancel(false));
        scheduler.shutdown();
    }
}
