package io.snaptastic.lifecycle;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.Operations;
import io.snaptastic.support.Threads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles, in the background once the agent is up, the operations a crash or a kill left running,
 * several at once: EC2 waits of minutes must not hold back the HTTP servers (and with them the
 * liveness and startup probes). Until each is done its snapshotter takes no operation, and
 * {@link #state()} says what is still being reconciled, so readiness is DOWN.
 */
public class StartupReconciliation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartupReconciliation.class);

    private final Operations operations;
    private final List<Operation> interrupted;
    private final ExecutorService executor;
    private final Map<String, Reconciled> state = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> bySnapshotter = new LinkedHashMap<>();

    /** Reads what is to be reconciled at once, so readiness says DOWN from the first request on. */
    public StartupReconciliation(Operations operations, int parallel) {
        this.operations = operations;
        this.interrupted = operations.interrupted();
        this.executor = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, interrupted.size())),
                // Daemons: a reconciliation cut short at shutdown is done again at the next start.
                Threads.numberedDaemons("snaptastic-reconcile"));
        for (Operation operation : interrupted) {
            state.put(operation.id(), new Reconciled(operation.snapshotter(), operation.type().json(), "waiting"));
            bySnapshotter.put(operation.snapshotter(), new CompletableFuture<>());
        }
    }

    /** Starts reconciling every interrupted operation; called once the servers are up. */
    public void start() {
        Map<String, List<CompletableFuture<Void>>> running = new LinkedHashMap<>();
        for (Operation operation : interrupted) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.computeIfAbsent(operation.snapshotter(), name -> new ArrayList<>()).add(done);
            try {
                executor.execute(() -> reconcile(operation, done));
            } catch (RejectedExecutionException e) {
                log.warn("Shutting down: operation {} is reconciled at the next start", operation.id());
            }
        }
        running.forEach((snapshotter, futures) -> CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenRun(() -> bySnapshotter.get(snapshotter).complete(null)));
    }

    /** Completes once nothing of {@code snapshotter} is left to reconcile (at once when nothing was). */
    public CompletableFuture<Void> of(String snapshotter) {
        return bySnapshotter.getOrDefault(snapshotter, CompletableFuture.completedFuture(null));
    }

    /** Each interrupted operation, by id, and where its reconciliation stands; empty when none was. */
    public synchronized Map<String, Reconciled> state() {
        return Map.copyOf(state);
    }

    public synchronized boolean isDone() {
        return state.values().stream().allMatch(Reconciled::isDone);
    }

    private void reconcile(Operation operation, CompletableFuture<Void> done) {
        update(operation.id(), "reconciling");
        try {
            operations.reconcile(operation.id());
            // Still running after reconcile: the agent is shutting down, and the next start does it.
            boolean finished = operations.find(operation.id()).map(Operation::finished).orElse(true);
            update(operation.id(), finished ? "reconciled" : "waiting");
            if (finished) {
                done.complete(null);
            }
        } catch (RuntimeException e) {
            log.error("Reconciling operation {} failed", operation.id(), e);
            update(operation.id(), "waiting");
        }
    }

    private synchronized void update(String id, String status) {
        state.computeIfPresent(id, (key, was) -> new Reconciled(was.snapshotter(), was.type(), status));
    }

    /**
     * Starts nothing more; what is not done stays running in the journal for the next start. A running
     * reconciliation is not interrupted: an interrupted EC2 call would read as a failure to undo, and be
     * recorded as the outcome if it came before {@link Operations#close()}; left running, its outcome is
     * recorded only if it truly finished before that, and dropped after.
     */
    @Override
    public void close() {
        executor.shutdown();
    }

    /**
     * Where the reconciliation of one interrupted operation stands.
     *
     * @param snapshotter the operation's snapshotter, which takes no operation until this is done
     * @param type the operation's type (mount, snapshot …)
     * @param status waiting, reconciling or reconciled
     */
    public record Reconciled(String snapshotter, String type, String status) {

        public boolean isDone() {
            return "reconciled".equals(status);
        }
    }
}
