package io.snaptastic.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.snaptastic.operation.FailureDescriber;
import io.snaptastic.operation.Operation;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a mount, a dry run, a start-up mount and an unmount leave in their operation. */
class MountOperationsTests {

    private static final SnapshotterContext SOLR = ApiFixtures.context("solr");

    @TempDir
    Path journal;

    private final MountService mounts = mock(MountService.class);
    private final UnmountService unmounts = mock(UnmountService.class);
    private Operations operations;
    private MountOperations mountOperations;

    @BeforeEach
    void start() {
        operations = new Operations(journal, OperationsProperties.DEFAULT, FailureDescriber.GENERIC, Clock.systemUTC());
        mountOperations = new MountOperations(mounts, unmounts, operations);
    }

    @AfterEach
    void close() {
        operations.close();
    }

    @Test
    void mountsAsAnOperationOfItsSnapshotterWithTheOperationsId() {
        given(mounts.mount(eq(SOLR), eq(new MountOptions(false, true)), any(), any()))
                .willReturn(new WorkflowResult(List.of(), null));

        Operation finished = finish(mountOperations.mount(SOLR, new MountOptions(false, true), "key-1", "body"));

        assertThat(finished.type()).isEqualTo(OperationType.MOUNT);
        assertThat(finished.snapshotter()).isEqualTo("solr");
        assertThat(finished.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(finished.details()).isEmpty();
        then(mounts).should().mount(eq(SOLR), eq(new MountOptions(false, true)), eq(finished.id()), any());
        assertThat(mountOperations.mount(SOLR, new MountOptions(false, true), "key-1", "body").id())
                .as("the Idempotency-Key returns the first operation").isEqualTo(finished.id());
    }

    @Test
    void aFailedWorkflowFailsTheOperation() {
        given(mounts.mount(any(), any(), any(), any())).willReturn(new WorkflowResult(List.of(), "a hook failed"));

        assertThat(finish(mountOperations.mount(SOLR, new MountOptions(false, false), null, "body")).status())
                .isEqualTo(OperationStatus.FAILED);
    }

    @Test
    void aDryRunPutsThePlanInTheOperationAndMountsNothing() {
        PlannedVolume planned = new PlannedVolume("/dev/sdf", "/mnt/solr", "snap-1", "restore", List.of("CreateVolume"));
        given(mounts.plan(SOLR, new MountOptions(true, false))).willReturn(List.of(planned));

        Operation finished = finish(mountOperations.mount(SOLR, new MountOptions(true, false), null, "body"));

        assertThat(finished.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(finished.details()).containsEntry("dryRun", true).containsEntry("plan", List.of(planned))
                .doesNotContainKey("warnings");
        then(mounts).should(never()).mount(any(), any(), any(), any());
    }

    @Test
    void aDryRunTellsWhatResolvingChanged() {
        SnapshotterContext resolved = new SnapshotterContext(SOLR.snapshotter(), SOLR.instanceId(),
                SOLR.availabilityZone(), SOLR.userdata(), SOLR.volumes(), SOLR.filterTags(),
                List.of("/dev/sdf1 is attached as /dev/sdf"));
        given(mounts.plan(any(), any())).willReturn(List.of());

        Operation finished = finish(mountOperations.mount(resolved, new MountOptions(true, false), null, "body"));

        assertThat(finished.details()).containsEntry("warnings", List.of("/dev/sdf1 is attached as /dev/sdf"));
    }

    @Test
    void aStartupMountSaysSoAndMountsEveryVolume() {
        given(mounts.mount(any(), any(), any(), any())).willReturn(new WorkflowResult(List.of(), null));

        Operation finished = finish(mountOperations.mountAtStartup(SOLR));

        assertThat(finished.type()).isEqualTo(OperationType.MOUNT);
        assertThat(finished.details()).isEqualTo(Map.of("trigger", "startup"));
        then(mounts).should().mount(eq(SOLR), eq(new MountOptions(false, false)), eq(finished.id()), any());
    }

    @Test
    void anUnmountJournalsWhetherItDeletesVolumes() {
        given(unmounts.unmount(eq(SOLR), eq(true), any())).willReturn(new WorkflowResult(List.of(), null));

        Operation finished = finish(mountOperations.unmount(SOLR, true, null, "body"));

        assertThat(finished.type()).isEqualTo(OperationType.UNMOUNT);
        assertThat(finished.status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(finished.details()).isEqualTo(Map.of(UnmountService.DELETE_VOLUMES, true));
    }

    private Operation finish(Operation started) {
        Operation finished = operations.await(started.id(), Duration.ofSeconds(10));
        assertThat(finished.finished()).as("finished within 10 s").isTrue();
        return finished;
    }
}
