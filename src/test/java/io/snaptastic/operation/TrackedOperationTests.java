package io.snaptastic.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.workflow.VolumeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the journal holds when a change returns, and how many writes changes made together cost. */
class TrackedOperationTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Keeps what was written; the first write can be held until the test lets it go. */
    private static final class Journal implements Consumer<JournalEntry> {
        final List<Operation> written = new ArrayList<>();
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirstWrite;

        Journal(boolean holdFirstWrite) {
            releaseFirstWrite = new CountDownLatch(holdFirstWrite ? 1 : 0);
        }

        @Override
        public void accept(JournalEntry entry) {
            boolean first;
            synchronized (this) {
                first = written.isEmpty();
                written.add(entry.operation());
            }
            if (first) {
                firstWriteStarted.countDown();
                try {
                    releaseFirstWrite.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized Operation last() {
            return written.get(written.size() - 1);
        }

        synchronized int writes() {
            return written.size();
        }
    }

    private static TrackedOperation tracked(Journal journal) {
        return new TrackedOperation(new JournalEntry(Operation.started("op-1", OperationType.MOUNT, "solr", START),
                "key", "fingerprint"), journal);
    }

    @Test
    void aChangeIsJournalledWhenItReturns() {
        Journal journal = new Journal(false);
        TrackedOperation operation = tracked(journal);

        operation.volume(VolumeOutcome.of("/dev/sdf", "/mnt/a").withVolumeId("vol-1"));
        assertThat(journal.last().volumes()).extracting(VolumeOutcome::volumeId).containsExactly("vol-1");

        operation.detail("attempt", 2);
        assertThat(journal.last().details()).containsEntry("attempt", 2);

        assertThat(operation.finish(current -> current.succeeded(START.plusSeconds(5)))).isTrue();
        assertThat(journal.last().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(journal.writes()).isEqualTo(3);
    }

    @Test
    void changesMadeWhileAWriteRunsShareTheNextWrite() throws Exception {
        Journal journal = new Journal(true);
        TrackedOperation operation = tracked(journal);
        ExecutorService volumes = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> seenOnReturn = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String device = "/dev/sd" + (char) ('f' + i);
                seenOnReturn.add(volumes.submit(() -> {
                    operation.volume(VolumeOutcome.of(device, "/mnt/" + device.substring(5)));
                    return journal.last().volumes().stream().anyMatch(v -> v.device().equals(device));
                }));
            }
            assertThat(journal.firstWriteStarted.await(30, TimeUnit.SECONDS)).isTrue();
            // All sixteen changes are made (readers do not wait for the held write) before it ends.
            await().atMost(Duration.ofSeconds(30)).until(() -> operation.current().volumes().size() == 16);
            journal.releaseFirstWrite.countDown();

            for (Future<Boolean> seen : seenOnReturn) {
                assertThat(seen.get(30, TimeUnit.SECONDS)).as("the journal holds a volume's change when it returns").isTrue();
            }
            assertThat(journal.writes()).as("the held write and one for everything made meanwhile").isEqualTo(2);
            assertThat(journal.last().volumes()).hasSize(16);
        } finally {
            journal.releaseFirstWrite.countDown();
            volumes.shutdownNow();
        }
    }

    @Test
    void writesNothingForProgressAfterTheFinalState() {
        Journal journal = new Journal(false);
        TrackedOperation operation = tracked(journal);
        operation.finish(current -> current.failed(START.plusSeconds(1), OperationProblem.agentStopped("stopped")));

        operation.volume(VolumeOutcome.of("/dev/sdf", "/mnt/a"));

        assertThat(operation.finish(current -> current.succeeded(START.plusSeconds(2)))).isFalse();
        assertThat(journal.writes()).isEqualTo(1);
        assertThat(journal.last().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(journal.last().volumes()).isEmpty();
    }
}
