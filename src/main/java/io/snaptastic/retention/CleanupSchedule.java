package io.snaptastic.retention;

import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.operation.OperationsUnavailableException;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Starts a cleanup operation for each snapshotter at its {@code cleanup-cron}. A run that finds the
 * snapshotter busy is skipped, not queued: the next run catches up.
 */
public class CleanupSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CleanupSchedule.class);

    private final SnapshotterResolver resolver;
    private final Cleanups cleanups;
    private final ThreadPoolTaskScheduler scheduler;
    private final List<ScheduledFuture<?>> runs;

    public CleanupSchedule(SnapshotterRegistry registry, SnapshotterResolver resolver, Cleanups cleanups,
            ThreadPoolTaskScheduler scheduler) {
        this.resolver = resolver;
        this.cleanups = cleanups;
        this.scheduler = scheduler;
        this.runs = registry.all().stream()
                .filter(snapshotter -> snapshotter.settings().cleanupCron() != null)
                .<ScheduledFuture<?>>map(snapshotter -> scheduler.schedule(() -> run(snapshotter),
                        new CronTrigger(snapshotter.settings().cleanupCron())))
                .toList();
    }

    /** How many snapshotters have a schedule. */
    public int scheduled() {
        return runs.size();
    }

    void run(Snapshotter snapshotter) {
        try {
            cleanups.submit(resolver.resolve(snapshotter.name(), null), false, null, null);
        } catch (OperationConflictException | OperationsUnavailableException e) {
            log.info("Scheduled cleanup of {} skipped: {}", snapshotter.name(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Scheduled cleanup of {} could not start", snapshotter.name(), e);
        }
    }

    @Override
    public void close() {
        runs.forEach(run -> run.cancel(false));
        scheduler.shutdown();
    }
}
