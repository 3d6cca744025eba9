package io.snaptastic.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.snaptastic.operation.FailureDescriber;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.operation.OperationOutcome;
import io.snaptastic.operation.OperationReconciler;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.OperationsProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupted operations reconciled in the background, side by side, each holding its snapshotter until done. */
class StartupReconciliationTests {

    @TempDir
    Path journal;

    final CountDownLatch crashedWork = new CountDownLatch(1);
    final CountDownLatch reconcilerMayFinish = new CountDownLatch(1);
    final Set<String> reconciling = ConcurrentHashMap.newKeySet();
    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        reconcilerMayFinish.countDown();
        crashedWork.countDown();
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void reconcilesInterruptedOperationsSideBySideAndFreesEachSnapshotterWhenItsIsDone() throws Exception {
        Operation solr = crash("solr");
        Operation kafka = crash("kafka");
        Operations restarted = operations(interrupted -> {
            reconciling.add(interrupted.snapshotter());
            block(reconcilerMayFinish);
            return "undone";
        });
        StartupReconciliation reconciliation = open(new StartupReconciliation(restarted, 4));

        assertThat(reconciliation.isDone()).as("DOWN before it starts").isFalse();
        assertThat(reconciliation.state().get(solr.id()).status()).isEqualTo("waiting");
        reconciliation.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> reconciling.containsAll(Set.of("solr", "kafka")));
        assertThat(reconciliation.state().get(kafka.id()))
                .isEqualTo(new StartupReconciliation.Reconciled("kafka", "snapshot", "reconciling"));
        assertThat(reconciliation.of("solr")).isNotDone();
        assertThat(reconciliation.of("postgres")).as("nothing of it was interrupted").isDone();
        assertThatThrownBy(() -> restarted.submit(OperationType.MOUNT, "solr", null, "f", progress -> OperationOutcome.succeeded()))
                .isInstanceOf(OperationConflictException.class);

        reconcilerMayFinish.countDown();

        reconciliation.of("solr").get(10, TimeUnit.SECONDS);
        reconciliation.of("kafka").get(10, TimeUnit.SECONDS);
        assertThat(reconciliation.isDone()).isTrue();
        assertThat(reconciliation.state().get(solr.id()).status()).isEqualTo("reconciled");
        Operation failed = restarted.find(solr.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
        assertThat(failed.error().detail()).endsWith("; undone");
        assertThat(restarted.submit(OperationType.MOUNT, "solr", null, "f", progress -> OperationOutcome.succeeded()))
                .as("the snapshotter is free").isNotNull();
    }

    @Test
    void withNothingInterruptedItIsDoneAtOnce() {
        StartupReconciliation reconciliation = open(new StartupReconciliation(operations(interrupted -> ""), 4));

        reconciliation.start();

        assertThat(reconciliation.isDone()).isTrue();
        assertThat(reconciliation.state()).isEmpty();
        assertThat(reconciliation.of("solr")).isDone();
    }

    /** An operation left running in the journal, as a killed agent leaves it. */
    private Operation crash(String snapshotter) {
        Operations crashed = operations(interrupted -> "");
        return crashed.submit(OperationType.SNAPSHOT, snapshotter, null, "f", progress -> {
            block(crashedWork);
            return OperationOutcome.succeeded();
        });
    }

    private Operations operations(OperationReconciler reconciler) {
        return open(new Operations(journal, OperationsProperties.DEFAULT, FailureDescriber.GENERIC, Clock.systemUTC(),
                reconciler));
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
