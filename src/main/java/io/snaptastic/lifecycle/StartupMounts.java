package io.snaptastic.lifecycle;

import io.snaptastic.mount.MountOperations;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.Operations;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts each snapshotter that has {@code mount-on-startup: true} once the agent is up, after a random
 * delay of up to its {@code startup-jitter} so a fleet booting at once does not hit EC2 all together.
 * A snapshotter whose interrupted operation is being reconciled waits for that first: until then it
 * takes no operation. Until every one of them is done, {@link #state()} says so, and readiness is DOWN.
 */
public class StartupMounts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartupMounts.class);
    private static final Duration LONGEST_MOUNT = Duration.ofHours(1);

    private final List<Snapshotter> snapshotters;
    private final SnapshotterResolver resolver;
    private final MountOperations mounts;
    private final Operations operations;
    private final StartupReconciliation reconciliation;
    private final ScheduledExecutorService executor;
    private final Map<String, StartupMount> state = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> settled = new ConcurrentHashMap<>();

    public StartupMounts(SnapshotterRegistry registry, SnapshotterResolver resolver, MountOperations mounts,
            Operations operations, StartupReconciliation reconciliation, ScheduledExecutorService executor) {
        this.snapshotters = registry.all().stream().filter(s -> s.settings().mountOnStartup()).toList();
        this.resolver = resolver;
        this.mounts = mounts;
        this.operations = operations;
        this.reconciliation = reconciliation;
        this.executor = executor;
        snapshotters.forEach(s -> state.put(s.name(), StartupMount.waiting()));
        snapshotters.forEach(s -> settled.put(s.name(), new CompletableFuture<>()));
    }

    /**
     * Completes once the snapshotter's start-up mount has finished, done or failed; for a snapshotter
     * without one, once its interrupted operation is reconciled. Until then nothing else should take its turn.
     */
    public CompletableFuture<Void> settled(String name) {
        return settled.getOrDefault(name, reconciliation.of(name));
    }

    /** Schedules every start-up mount, each once its snapshotter is reconciled; called once the agent is up. */
    public void start() {
        for (Snapshotter snapshotter : snapshotters) {
            reconciliation.of(snapshotter.name()).thenRun(() -> schedule(snapshotter));
        }
    }

    private void schedule(Snapshotter snapshotter) {
        long jitter = snapshotter.settings().startupJitter().toMillis();
        long delay = jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1);
        log.info("Mounting {} at start-up in {} ms", snapshotter.name(), delay);
        try {
            executor.schedule(() -> mount(snapshotter.name()), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.info("Shutting down: {} is not mounted at start-up", snapshotter.name());
        }
    }

    /** Each start-up snapshotter's state, by name; empty when none mounts at start-up. */
    public synchronized Map<String, StartupMount> state() {
        return Map.copyOf(state);
    }

    void mount(String name) {
        try {
            SnapshotterContext context = resolver.resolve(name, null);
            Operation operation = mounts.mountAtStartup(context);
            update(name, StartupMount.mounting(operation.id()));
            Operation finished = operations.await(operation.id(), LONGEST_MOUNT);
            if (finished.status() == OperationStatus.SUCCEEDED) {
                update(name, StartupMount.done(operation.id()));
            } else {
                String problem = finished.error() == null ? "still running after " + LONGEST_MOUNT : finished.error().detail();
                update(name, StartupMount.failed(operation.id(), problem));
            }
        } catch (RuntimeException e) {
            log.error("The start-up mount of {} could not start", name, e);
            update(name, StartupMount.failed(null, Failures.describe(e)));
        } finally {
            settled.get(name).complete(null);
        }
    }

    private synchronized void update(String name, StartupMount mount) {
        state.put(name, mount);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * Where one start-up mount stands.
     *
     * @param status waiting (for its jitter), mounting, done or failed
     * @param operationId the mount operation, once started
     * @param problem why it failed
     */
    public record StartupMount(String status, String operationId, String problem) {

        static StartupMount waiting() {
            return new StartupMount("waiting", null, null);
        }

        static StartupMount mounting(String operationId) {
            return new StartupMount("mounting", operationId, null);
        }

        static StartupMount done(String operationId) {
            return new StartupMount("done", operationId, null);
        }

        static StartupMount failed(String operationId, String problem) {
            return new StartupMount("failed", operationId, problem);
        }

        public boolean isDone() {
            return "done".equals(status);
        }
    }
}
