package io.snaptastic.operation;

import io.snaptastic.support.Threads;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs operations in the background, one per snapshotter at a time, and keeps them in an
 * {@link OperationStore} so they survive a restart. An Idempotency-Key makes a retried request return
 * the operation the first one started instead of starting another.
 */
public class Operations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Operations.class);

    private final OperationStore store;
    private final OperationsProperties settings;
    private final FailureDescriber describer;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<String, String> runningBySnapshotter = new HashMap<>(); // guarded by this
    private final IdempotencyKeys keys; // guarded by this
    private final List<Consumer<Operation>> finishedListeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    public Operations(Path journalDir, OperationsProperties settings, FailureDescriber describer, Clock clock) {
        this(journalDir, settings, describer, clock, OperationReconciler.NONE);
    }

    /**
     * @param reconciler asked, in {@link #reconcile}, about each operation a crash or a kill left running,
     *     before it is marked failed
     */
    public Operations(Path journalDir, OperationsProperties settings, FailureDescriber describer, Clock clock,
            OperationReconciler reconciler) {
        this.store = new OperationStore(journalDir, settings, clock, reconciler);
        this.settings = settings;
        this.describer = describer;
        this.clock = clock;
        this.keys = new IdempotencyKeys(settings.idempotencyWindow());
        store.all().forEach(tracked -> keys.remember(tracked.idempotencyKey(), tracked.operationId()));
        this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(Math.max(1, settings.queue())), Threads.numberedWorkers("snaptastic-operation"));
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts {@code work} in the background and answers at once with the running operation, or with
     * the operation an earlier request with the same Idempotency-Key and fingerprint started.
     *
     * @param idempotencyKey the client's Idempotency-Key header; null when it sent none
     * @param requestFingerprint what identifies the request body (see {@link RequestFingerprint})
     * @throws OperationConflictException when the snapshotter is busy with another operation
     * @throws IdempotencyKeyReusedException when the key was used for a different request
     */
    public synchronized Operation submit(OperationType type, String snapshotter, String idempotencyKey,
            String requestFingerprint, Function<OperationProgress, OperationOutcome> work) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(snapshotter, "snapshotter");
        IdempotencyKeys.check(idempotencyKey);
        if (closed) {
            throw new OperationsUnavailableException("the agent is shutting down; no new operation starts");
        }
        Optional<Operation> earlier =
                keys.earlier(idempotencyKey, type, snapshotter, requestFingerprint, store::tracked, clock.instant());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Optional<String> reconciling = store.interruptedOn(snapshotter);
        if (reconciling.isPresent()) {
            throw OperationConflictException.reconciling(snapshotter, reconciling.get());
        }
        String busy = runningBySnapshotter.get(snapshotter);
        if (busy != null) {
            throw new OperationConflictException(snapshotter, busy);
        }
        Operation operation = Operation.started("op-" + UUID.randomUUID(), type, snapshotter, clock.instant());
        // Stored before it can run: quick work may finish, and its listeners look it up, before
        // execute returns.
        TrackedOperation tracked = store.add(new JournalEntry(operation, idempotencyKey, requestFingerprint));
        runningBySnapshotter.put(snapshotter, operation.id());
        try {
            executor.execute(() -> run(tracked, work));
        } catch (RejectedExecutionException e) {
            runningBySnapshotter.remove(snapshotter, operation.id());
            store.discard(operation.id());
            throw new OperationsUnavailableException("too many operations are waiting to run; try again later");
        }
        keys.remember(idempotencyKey, operation.id());
        return operation;
    }

    /**
     * Tells {@code listener} of every operation that finishes from now on, with its final state, before
     * that state is recorded and whoever waits on the operation is told. A listener must be quick.
     */
    public void onFinished(Consumer<Operation> listener) {
        finishedListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public Optional<Operation> find(String id) {
        return store.find(id);
    }

    /** Every remembered operation, newest first; the journal's retention bounds the list. */
    public List<Operation> list() {
        return store.list();
    }

    /**
     * The operation once it has finished, or as it is when {@code timeout} has passed.
     *
     * @throws OperationNotFoundException when no operation has that id
     */
    public Operation await(String id, Duration timeout) {
        return Optional.ofNullable(store.tracked(id)).orElseThrow(OperationNotFoundException::new).await(timeout);
    }

    /** Refuses new operations, waits for running ones up to the shutdown timeout, and fails the rest. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        store.close();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Operations still running after {}; marking them failed", settings.shutdownTimeout());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        OperationProblem stopped = OperationProblem.agentStopped("the agent stopped before the operation finished");
        // An operation not yet reconciled stays running in the journal: the next start reconciles it.
        store.running().forEach(tracked -> finish(tracked, operation -> operation.failed(clock.instant(), stopped)));
    }

    private void run(TrackedOperation tracked, Function<OperationProgress, OperationOutcome> work) {
        OperationOutcome outcome;
        try {
            outcome = work.apply(tracked);
            if (outcome == null) {
                outcome = OperationOutcome.failed(new IllegalStateException("the operation's work returned no outcome"));
            }
        } catch (RuntimeException | Error e) {
            outcome = OperationOutcome.failed(e);
        }
        Instant now = clock.instant();
        if (outcome instanceof OperationOutcome.Failed failed) {
            OperationProblem problem = describe(tracked.current(), failed.cause());
            finish(tracked, operation -> operation.failed(now, problem));
        } else {
            finish(tracked, operation -> operation.succeeded(now));
        }
    }

    private OperationProblem describe(Operation operation, Throwable cause) {
        log.warn("Operation {} ({} of snapshotter {}) failed", operation.id(), operation.type().json(),
                operation.snapshotter(), cause);
        try {
            return Objects.requireNonNull(describer.describe(cause));
        } catch (RuntimeException e) {
            log.error("Cannot describe the failure of operation {}", operation.id(), e);
            return OperationProblem.INTERNAL;
        }
    }

    private void finish(TrackedOperation tracked, UnaryOperator<Operation> toFinalState) {
        // Listeners learn the final state before it is recorded and anyone waiting is told, so whoever
        // sees the operation finished also sees what they made of it (the health's expected mounts,
        // the volume listing's attachments).
        Operation operation = toFinalState.apply(tracked.current());
        for (Consumer<Operation> listener : finishedListeners) {
            try {
                listener.accept(operation);
            } catch (RuntimeException e) {
                log.warn("A listener failed on operation {}", operation.id(), e);
            }
        }
        tracked.finish(current -> operation);
        synchronized (this) {
            runningBySnapshotter.remove(operation.snapshotter(), operation.id());
        }
        tracked.complete();
        prune();
    }

    /** The operations a crash or a kill left running that are not reconciled yet, oldest first. */
    public List<Operation> interrupted() {
        return store.interrupted();
    }

    /**
     * Asks the reconciler about an interrupted operation and marks it failed with what was done, which
     * frees its snapshotter; once the agent is shutting down, the next start reconciles it again.
     */
    public void reconcile(String id) {
        store.reconcile(id);
    }

    /** The store forgets what its retention lets go, and the keys of what it forgot go with it. */
    private synchronized void prune() {
        store.prune().forEach(keys::forget);
    }
}
