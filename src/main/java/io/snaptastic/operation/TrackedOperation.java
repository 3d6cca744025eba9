package io.snaptastic.operation;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation's current state and the key that made it; the progress its work reports goes through
 * here and into the journal. Once finished it ignores further progress, so work the agent gave up on
 * (shutdown timeout) cannot overwrite the failure it was given.
 */
final class TrackedOperation implements OperationProgress {

    private static final Logger log = LoggerFactory.getLogger(TrackedOperation.class);

    private final OperationJournal journal;
    private final String idempotencyKey;
    private final String requestFingerprint;
    private final CompletableFuture<Operation> done = new CompletableFuture<>();
    private Operation current;

    TrackedOperation(JournalEntry entry, OperationJournal journal) {
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

    CompletableFuture<Operation> done() {
        return done;
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
    synchronized boolean finish(UnaryOperator<Operation> toFinalState) {
        if (current.finished()) {
            return false;
        }
        current = toFinalState.apply(current);
        persist();
        return true;
    }

    /** Wakes whoever awaits the operation; called once the snapshotter is free again. */
    void complete() {
        done.complete(current());
    }

    private synchronized void update(UnaryOperator<Operation> change) {
        if (current.finished()) {
            log.warn("Ignoring progress of operation {}: it has already {}", current.id(), current.status().json());
            return;
        }
        current = change.apply(current);
        persist();
    }

    private void persist() {
        try {
            journal.write(new JournalEntry(current, idempotencyKey, requestFingerprint));
        } catch (UncheckedIOException e) {
            // The operation goes on: failing it for a full disk would leave the volumes half done.
            log.error("Cannot journal operation {}; a crash now would lose its progress", current.id(), e);
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
