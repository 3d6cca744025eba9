package io.snaptastic.operation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations the agent remembers, in memory and in the journal on disk: it reads them back at
 * start-up, holds those a crash left running until they are reconciled, and forgets the oldest finished.
 */
final class OperationStore implements AutoCloseable {

    static final String STOPPED_WHILE_RUNNING = "the agent stopped while the operation was running";
    private static final Logger log = LoggerFactory.getLogger(OperationStore.class);

    private final OperationJournal journal;
    private final OperationsProperties settings;
    private final Clock clock;
    private final OperationReconciler reconciler;
    private final Map<String, TrackedOperation> byId = new ConcurrentHashMap<>();
    // What a crash left running, until reconciled: each keeps its snapshotter busy.
    private final Set<String> unreconciled = ConcurrentHashMap.newKeySet();
    private boolean closed; // guarded by this

    /**
     * @param reconciler asked, in {@link #reconcile}, about each operation a crash or a kill left running,
     *     before it is marked failed
     */
    OperationStore(Path journalDir, OperationsProperties settings, Clock clock, OperationReconciler reconciler) {
        this.journal = new OperationJournal(journalDir);
        this.settings = settings;
        this.clock = clock;
        this.reconciler = reconciler;
        journal.readAll().forEach(this::recover);
        prune();
    }

    /** Journals a new operation and remembers it; once this returns, a restart finds it. */
    TrackedOperation add(JournalEntry entry) {
        journal.write(entry);
        TrackedOperation tracked = new TrackedOperation(entry, journal::write);
        byId.put(entry.operation().id(), tracked);
        return tracked;
    }

    /** Forgets an operation that never ran, in memory and on disk. */
    void discard(String id) {
        byId.remove(id);
        journal.delete(id);
    }

    /** The operation with that id; null when none is remembered. */
    TrackedOperation tracked(String id) {
        return id == null ? null : byId.get(id);
    }

    Optional<Operation> find(String id) {
        return Optional.ofNullable(tracked(id)).map(TrackedOperation::current);
    }

    /** Every remembered operation, newest first; the journal's retention bounds the list. */
    List<Operation> list() {
        return byId.values().stream()
                .map(TrackedOperation::current)
                .sorted(Comparator.comparing(Operation::startedAt).thenComparing(Operation::id).reversed())
                .toList();
    }

    /** Every remembered operation with the key and fingerprint of the request that started it. */
    List<TrackedOperation> all() {
        return List.copyOf(byId.values());
    }

    /** The operations this run started that have not finished; not those a crash left running. */
    List<TrackedOperation> running() {
        return byId.values().stream()
                .filter(tracked -> !tracked.current().finished() && !unreconciled.contains(tracked.operationId()))
                .toList();
    }

    /** The operations a crash or a kill left running that are not reconciled yet, oldest first. */
    List<Operation> interrupted() {
        return unreconciled.stream().map(id -> byId.get(id).current())
                .sorted(Comparator.comparing(Operation::startedAt).thenComparing(Operation::id)).toList();
    }

    /** The id of the snapshotter's interrupted operation, while it is not reconciled. */
    Optional<String> interruptedOn(String snapshotter) {
        return unreconciled.stream().filter(id -> byId.get(id).current().snapshotter().equals(snapshotter)).findFirst();
    }

    /**
     * Asks the reconciler about an interrupted operation and marks it failed with what was done, which
     * frees its snapshotter. Once the store is closed the result is dropped and the operation stays
     * running in the journal, so the next start reconciles it again.
     */
    void reconcile(String id) {
        TrackedOperation tracked = unreconciled.contains(id) ? byId.get(id) : null;
        if (tracked == null) {
            return;
        }
        OperationProblem stopped = OperationProblem.agentStopped(STOPPED_WHILE_RUNNING + reconcile(tracked.current()));
        synchronized (this) {
            if (closed) {
                log.warn("Shutting down: operation {} is reconciled again at the next start", id);
                return;
            }
            tracked.finish(operation -> operation.failed(clock.instant(), stopped));
            unreconciled.remove(id);
        }
        tracked.complete();
    }

    /** From now on a reconciliation's result is dropped: the agent is shutting down. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    /**
     * Forgets finished operations beyond the newest {@code keep} or older than {@code max-age}.
     *
     * @return the ids of the operations it forgot
     */
    synchronized List<String> prune() {
        Instant oldest = clock.instant().minus(settings.maxAge());
        List<Operation> finished = list().stream().filter(Operation::finished).toList();
        List<String> forgotten = new ArrayList<>();
        for (int i = 0; i < finished.size(); i++) {
            Operation operation = finished.get(i);
            if (i >= settings.keep() || operation.startedAt().isBefore(oldest)) {
                byId.remove(operation.id());
                journal.delete(operation.id());
                forgotten.add(operation.id());
            }
        }
        return forgotten;
    }

    private String reconcile(Operation interrupted) {
        try {
            String done = reconciler.reconcile(interrupted);
            return done == null || done.isBlank() ? "" : "; " + done;
        } catch (RuntimeException e) {
            log.error("Cannot reconcile interrupted operation {}", interrupted.id(), e);
            return "; reconciling what it left failed, see the agent's log";
        }
    }

    private void recover(JournalEntry entry) {
        TrackedOperation tracked = new TrackedOperation(entry, journal::write);
        byId.put(entry.operation().id(), tracked);
        if (!tracked.current().finished()) {
            unreconciled.add(entry.operation().id());
        }
    }
}
