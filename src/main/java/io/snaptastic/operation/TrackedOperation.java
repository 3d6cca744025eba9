package io.snaptastic.operation;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation's current state and the key that made it; the progress its work reports goes through
 * here and into the journal. Once finished it ignores further progress, so work the agent gave up on
 * (shutdown timeout) cannot overwrite the failure it was given.
 *
 * <p>A change returns once a journal entry holding it is on disk, but changes made together share
 * one write: each write takes the newest state, so a change made while another write ran is in the
 * next one, and a change some other write already holds needs none of its own. Sixteen volumes
 * reaching the same step then cost two writes, not sixteen in a queue, and readers of the state
 * never wait for the disk.
 */
final class TrackedOperation implements OperationProgress {

    private static final Logger log = LoggerFactory.getLogger(TrackedOperation.class);

    private final Consumer<JournalEntry> journal;
    private final String idempotencyKey;
    private final String requestFingerprint;
    private final CompletableFuture<Operation> done = new CompletableFuture<>();
    private final Object writing = new Object();
    private Operation current;
    private long changes; // guarded by this
    private long journalled; // guarded by writing: the changes the last write held

    /** @param journal writes an entry durably, as {@link OperationJournal#write} does */
    TrackedOperation(JournalEntry entry, Consumer<JournalEntry> journal) {
        this.journal = journal;
        this.current = entry.operation();
        this.idempotencyKey = entry.idempotencyKey();
        this.requestFingerprint = entry.requestFingerprint();
        if (current.finished()) {
            done.complete(current);
        }
    }

    synchronized Operation current() {
        return current;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    String requestFingerprint() {
        return requestFingerprint;
    }

    /** The operation once it has finished, or as it is when {@code timeout} has passed. */
    Operation await(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return current();
        }
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return current();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current();
        }
    }

    @Override
    public String operationId() {
        return current().id();
    }

    @Override
    public void volume(VolumeResult result) {
        Objects.requireNonNull(result.device(), "a volume result needs its device");
        volume(result.device(), previous -> result);
    }

    @Override
    public void volume(String device, UnaryOperator<VolumeResult> change) {
        Objects.requireNonNull(device, "a volume result needs its device");
        update(operation -> {
            List<VolumeResult> volumes = new ArrayList<>(operation.volumes());
            int index = indexOf(volumes, device);
            VolumeResult previous = index < 0 ? VolumeResult.of(device, null) : volumes.get(index);
            VolumeResult next = Objects.requireNonNull(change.apply(previous), "the changed volume result");
            if (index < 0) {
                volumes.add(next);
            } else {
                volumes.set(index, next);
            }
            return operation.withVolumes(volumes);
        });
    }

    @Override
    public void detail(String key, Object value) {
        Objects.requireNonNull(key, "a detail needs a key");
        update(operation -> {
            Map<String, Object> details = new LinkedHashMap<>(operation.details());
            details.put(key, value);
            return operation.withDetails(details);
        });
    }

    /** Gives the operation its final state, unless it has one already; true when it did. */
    boolean finish(UnaryOperator<Operation> toFinalState) {
        long change;
        synchronized (this) {
            if (current.finished()) {
                return false;
            }
            current = toFinalState.apply(current);
            change = ++changes;
        }
        journal(change);
        return true;
    }

    /** Wakes whoever awaits the operation; called once the snapshotter is free again. */
    void complete() {
        done.complete(current());
    }

    private void update(UnaryOperator<Operation> change) {
        long made;
        synchronized (this) {
            if (current.finished()) {
                log.warn("Ignoring progress of operation {}: it has already {}", current.id(), current.status().json());
                return;
            }
            current = change.apply(current);
            made = ++changes;
        }
        journal(made);
    }

    /** Returns once an entry holding change number {@code change} has been written. */
    private void journal(long change) {
        synchronized (writing) {
            if (journalled >= change) {
                return;
            }
            Operation newest;
            long holds;
            synchronized (this) {
                newest = current;
                holds = changes;
            }
            try {
                journal.accept(new JournalEntry(newest, idempotencyKey, requestFingerprint));
            } catch (UncheckedIOException e) {
                // The operation goes on: failing it for a full disk would leave the volumes half done.
                log.error("Cannot journal operation {}; a crash now would lose its progress", newest.id(), e);
            }
            journalled = holds;
        }
    }

    private static int indexOf(List<VolumeResult> volumes, String device) {
        for (int i = 0; i < volumes.size(); i++) {
            if (device.equals(volumes.get(i).device())) {
                return i;
            }
        }
        return -1;
    }
}
