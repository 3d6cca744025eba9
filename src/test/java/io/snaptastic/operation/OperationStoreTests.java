package io.snaptastic.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.support.MutableClock;
import io.snaptastic.workflow.VolumeOutcome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store keeps on disk and in memory: read back at start-up, interrupted until reconciled, pruned. */
class OperationStoreTests {

    private static final OperationProblem FAILED =
            new OperationProblem(URI.create("https://snaptastic.io/problems/test"), "Test", "failed");

    @TempDir
    Path journal;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private int count;

    @Test
    void aNewStoreReadsFinishedOperationsFromTheJournal() {
        OperationStore first = store(OperationReconciler.NONE);
        TrackedOperation tracked = first.add(new JournalEntry(started("solr"), "key-1", "body"));
        tracked.volume(VolumeOutcome.of("/dev/sdf", "/mnt/solr").withFreezeMillis(12).withSnapshotId("snap-1"));
        tracked.detail("count", 2);
        tracked.finish(operation -> operation.succeeded(clock.instant()));
        Operation finished = tracked.current();

        OperationStore second = store(OperationReconciler.NONE);

        assertThat(second.find(finished.id())).contains(finished);
        assertThat(second.all()).singleElement().satisfies(entry -> {
            assertThat(entry.idempotencyKey()).isEqualTo("key-1");
            assertThat(entry.requestFingerprint()).isEqualTo("body");
        });
        assertThat(second.interrupted()).isEmpty();
    }

    @Test
    void anOperationStillRunningInTheJournalIsInterruptedUntilReconciled() {
        Operation running = store(OperationReconciler.NONE).add(new JournalEntry(started("solr"), null, "f")).current();

        OperationStore restarted = store(interrupted -> "detached vol-1 of " + interrupted.id());

        assertThat(restarted.interrupted()).extracting(Operation::id).containsExactly(running.id());
        assertThat(restarted.interruptedOn("solr")).contains(running.id());
        assertThat(restarted.interruptedOn("postgres")).isEmpty();
        assertThat(restarted.running()).as("not this run's to fail at shutdown").isEmpty();

        restarted.reconcile(running.id());

        Operation reconciled = restarted.find(running.id()).orElseThrow();
        assertThat(reconciled.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(reconciled.error().detail())
                .isEqualTo("the agent stopped while the operation was running; detached vol-1 of " + running.id());
        assertThat(reconciled.error().type()).hasToString("https://snaptastic.io/problems/agent-stopped");
        assertThat(restarted.interrupted()).isEmpty();
        assertThat(restarted.interruptedOn("solr")).isEmpty();
        assertThat(store(OperationReconciler.NONE).interrupted()).as("the journal holds the reconciled state").isEmpty();
    }

    @Test
    void aReconcilerThatFailsStillFreesTheSnapshotterAndPointsToTheLog() {
        Operation running = store(OperationReconciler.NONE).add(new JournalEntry(started("solr"), null, "f")).current();
        OperationStore restarted = store(interrupted -> {
            throw new IllegalStateException("EC2 unreachable");
        });

        restarted.reconcile(running.id());

        assertThat(restarted.find(running.id()).orElseThrow().error().detail()).isEqualTo(
                "the agent stopped while the operation was running; reconciling what it left failed, see the agent's log");
        assertThat(restarted.interruptedOn("solr")).isEmpty();
    }

    @Test
    void anInterruptedOperationNotReconciledBeforeCloseIsReconciledAtTheNextStart() {
        Operation running = store(OperationReconciler.NONE).add(new JournalEntry(started("solr"), null, "f")).current();
        OperationStore stopping = store(OperationReconciler.NONE);

        stopping.close();
        stopping.reconcile(running.id());

        assertThat(stopping.find(running.id()).orElseThrow().status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(store(OperationReconciler.NONE).interrupted()).extracting(Operation::id).containsExactly(running.id());
    }

    @Test
    void aDiscardedOperationLeavesNoTrace() throws IOException {
        OperationStore store = store(OperationReconciler.NONE);
        Operation kept = store.add(new JournalEntry(started("solr"), null, "f")).current();
        Operation refused = store.add(new JournalEntry(started("kafka"), "key-1", "f")).current();

        store.discard(refused.id());

        assertThat(store.list()).extracting(Operation::id).containsExactly(kept.id());
        assertThat(journalFiles()).containsExactly(kept.id() + ".json");
    }

    @Test
    void keepsOnlyTheNewestFinishedOperations() throws IOException {
        OperationStore store = store(OperationReconciler.NONE, 2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(finished(store, "solr").id());
            clock.advance(Duration.ofSeconds(1));
        }
        Operation running = store.add(new JournalEntry(started("kafka"), null, "f")).current();

        assertThat(store.prune()).containsExactly(ids.get(0));

        assertThat(store.list()).extracting(Operation::id).containsExactly(running.id(), ids.get(2), ids.get(1));
        assertThat(journalFiles()).containsExactlyInAnyOrder(running.id() + ".json", ids.get(2) + ".json",
                ids.get(1) + ".json");
    }

    @Test
    void forgetsOperationsOlderThanTheMaximumAgeAlsoWhenItReadsTheJournal() {
        OperationStore store = store(OperationReconciler.NONE);
        Operation old = finished(store, "solr");
        clock.advance(Duration.ofDays(8));
        Operation recent = finished(store, "solr");

        OperationStore restarted = store(OperationReconciler.NONE);

        assertThat(restarted.find(old.id())).isEmpty();
        assertThat(restarted.find(recent.id())).isPresent();
        assertThat(store.prune()).containsExactly(old.id());
    }

    @Test
    void listsNewestFirst() {
        OperationStore store = store(OperationReconciler.NONE);
        Operation first = store.add(new JournalEntry(started("a"), null, "f")).current();
        clock.advance(Duration.ofSeconds(1));
        Operation second = store.add(new JournalEntry(started("b"), null, "f")).current();

        assertThat(store.list()).extracting(Operation::id).containsExactly(second.id(), first.id());
        assertThat(store.running()).extracting(TrackedOperation::operationId)
                .containsExactlyInAnyOrder(first.id(), second.id());
    }

    private OperationStore store(OperationReconciler reconciler) {
        return store(reconciler, OperationsProperties.DEFAULT.keep());
    }

    private OperationStore store(OperationReconciler reconciler, int keep) {
        OperationsProperties defaults = OperationsProperties.DEFAULT;
        OperationsProperties settings = new OperationsProperties(defaults.threads(), defaults.queue(), keep,
                defaults.maxAge(), defaults.idempotencyWindow(), defaults.shutdownTimeout(), null);
        return new OperationStore(journal, settings, clock, reconciler);
    }

    private Operation started(String snapshotter) {
        return Operation.started("op-" + ++count, OperationType.SNAPSHOT, snapshotter, clock.instant());
    }

    private Operation finished(OperationStore store, String snapshotter) {
        TrackedOperation tracked = store.add(new JournalEntry(started(snapshotter), null, "f"));
        tracked.finish(operation -> operation.failed(clock.instant(), FAILED));
        return tracked.current();
    }

    private List<String> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
