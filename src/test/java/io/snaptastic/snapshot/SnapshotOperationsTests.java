package io.snaptastic.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

import io.snaptastic.operation.FailureDescriber;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.OperationsProperties;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.web.ApiFixtures;
import io.snaptastic.workflow.WorkflowResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot runs as its snapshotter's operation and fails it when the workflow fails. */
class SnapshotOperationsTests {

    private static final SnapshotterContext SOLR = ApiFixtures.context("solr");

    @TempDir
    Path journal;

    private final SnapshotService snapshots = mock(SnapshotService.class);
    private Operations operations;

    @AfterEach
    void close() {
        operations.close();
    }

    @Test
    void snapshotsAsAnOperationOfItsSnapshotter() {
        given(snapshots.snapshot(eq(SOLR), any())).willReturn(new WorkflowResult(List.of(), null));

        Operation finished = finish(snapshotOperations().snapshot(SOLR, null, "body"));

        assertThat(finished.type()).isEqualTo(OperationType.SNAPSHOT);
        assertThat(finished.snapshotter()).isEqualTo("solr");
        assertThat(finished.status()).isEqualTo(OperationStatus.SUCCEEDED);
        then(snapshots).should().snapshot(eq(SOLR), any());
    }

    @Test
    void aFailedWorkflowFailsTheOperation() {
        given(snapshots.snapshot(any(), any())).willReturn(new WorkflowResult(List.of(), "freeze failed"));

        assertThat(finish(snapshotOperations().snapshot(SOLR, null, "body")).status()).isEqualTo(OperationStatus.FAILED);
    }

    @Test
    void aSecondSnapshotWhileOneRunsIsRefused() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        given(snapshots.snapshot(any(), any())).willAnswer(invocation -> {
            release.await(10, TimeUnit.SECONDS);
            return new WorkflowResult(List.of(), null);
        });
        SnapshotOperations snapshotOperations = snapshotOperations();
        Operation running = snapshotOperations.snapshot(SOLR, null, "body");

        try {
            assertThatThrownBy(() -> snapshotOperations.snapshot(SOLR, null, "body"))
                    .isInstanceOfSatisfying(OperationConflictException.class,
                            e -> assertThat(e.runningOperationId()).isEqualTo(running.id()));
        } finally {
            release.countDown();
        }
        assertThat(finish(running).status()).isEqualTo(OperationStatus.SUCCEEDED);
    }

    private SnapshotOperations snapshotOperations() {
        operations = new Operations(journal, OperationsProperties.DEFAULT, FailureDescriber.GENERIC, Clock.systemUTC());
        return new SnapshotOperations(snapshots, operations);
    }

    private Operation finish(Operation started) {
        Operation finished = operations.await(started.id(), Duration.ofSeconds(10));
        assertThat(finished.finished()).as("finished within 10 s").isTrue();
        return finished;
    }
}
