package io.snaptastic.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.snaptastic.mount.MountOperations;
import io.snaptastic.operation.FailureDescriber;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.OperationsProperties;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.SnapshotterSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a snapshotter's start-up is settled, so that its scheduled snapshots may begin. */
class StartupMountsTests {

    @TempDir
    Path journal;

    private final SnapshotterResolver resolver = mock(SnapshotterResolver.class);
    private Operations operations;
    private StartupReconciliation reconciliation;
    private StartupMounts startup;

    @BeforeEach
    void start() {
        operations = new Operations(journal, OperationsProperties.DEFAULT, FailureDescriber.GENERIC, Clock.systemUTC());
        reconciliation = new StartupReconciliation(operations, 1);
        SnapshotterRegistry registry = new SnapshotterRegistry(List.of(snapshotter("solr", true), snapshotter("pg", false)));
        startup = new StartupMounts(registry, resolver, mock(MountOperations.class), operations, reconciliation,
                Executors.newSingleThreadScheduledExecutor());
    }

    @AfterEach
    void close() {
        startup.close();
        reconciliation.close();
        operations.close();
    }

    @Test
    void aStartupMountSnapshotterIsSettledOnlyOnceItsMountHasFinished() {
        given(resolver.resolve("solr", null)).willThrow(new IllegalStateException("no userdata"));

        assertThat(startup.settled("solr")).isNotDone();
        startup.mount("solr");

        assertThat(startup.settled("solr")).isDone();
        assertThat(startup.state().get("solr").status()).isEqualTo("failed");
    }

    @Test
    void aSnapshotterWithoutStartupMountIsSettledOnceReconciled() {
        assertThat(startup.settled("pg")).as("nothing of it was interrupted").isDone();
    }

    private static Snapshotter snapshotter(String name, boolean mountOnStartup) {
        Snapshotter snapshotter = mock(Snapshotter.class);
        given(snapshotter.name()).willReturn(name);
        given(snapshotter.settings()).willReturn(new SnapshotterSettings(null, null, false, null, null, null, null, false,
                null, mountOnStartup, null, null, null, false, null, null));
        return snapshotter;
    }
}
