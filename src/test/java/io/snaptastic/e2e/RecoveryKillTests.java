package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The agent killed with SIGKILL in the middle of a mount and of a freeze, then started again on the
 * same state dir: nothing stays frozen, no volume it created leaks, and the operation reads failed
 * with why. The kill point is made deterministic by sandbox latency on the call in flight.
 */
@RequiresLoopDevices
class RecoveryKillTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    AgentProcess agent;

    @BeforeEach
    void root() throws Exception {
        agent = new AgentProcess(Files.createTempDirectory("snaptastic-kill").toRealPath());
    }

    @AfterEach
    void release() throws Exception {
        agent.kill();
        AgentUnderTest.release(agent.root());
    }

    @Test
    void aKillDuringAttachLeavesNoVolumeAndTheMountReadsFailed() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.AttachVolume=5s");
        String id = agent.post("/mounts", SOLR).get("id").asText();
        Path journal = agent.stateDir().resolve("operations").resolve(id + ".json");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(journal) && Files.readString(journal).contains("\"step\":\"attach\""));
        String volumeId = agent.volumeIds("tag:snaptastic:managed", "true").get(0);

        agent.kill();
        assertThat(agent.tempDir()).as("a killed agent leaves nothing in the temp directory").isEmptyDirectory();
        agent.start();

        JsonNode operation = agent.get("/operations/" + id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("type").asText()).endsWith("/agent-stopped");
        assertThat(operation.get("error").get("detail").asText())
                .contains("stopped while the operation was running", "/dev/sdf stopped at step attach", "deleted " + volumeId);
        assertThat(agent.volumeIds("tag:snaptastic:managed", "true")).as("no volume leaks").isEmpty();
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText())
                .as("the snapshotter is free and mounts again").isEqualTo("succeeded");
    }

    @Test
    void aKillDuringAFreezeLeavesNothingFrozenAndTheSnapshotReadsFailed() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.CreateSnapshots=20s",
                "snaptastic.snapshotters.solr.freeze-max-duration=10m");
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        String volumeId = agent.volumeIds("tag:snaptastic:managed", "true").get(0);
        String id = agent.post("/snapshots", SOLR).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> frozenRecords() > 0 && agent.log().contains("froze "));

        agent.kill();
        agent.start();

        assertThat(frozenRecords()).as("the freeze record is gone once thawed").isZero();
        CommandResult write = new ProcessHostExecutor().execute(Command.of("dd", "if=/dev/zero",
                "of=" + agent.mountPoint().resolve("probe"), "bs=4096", "count=1", "conv=fsync")
                .withTimeout(Duration.ofSeconds(20)));
        assertThat(write.succeeded()).as("a write to the mount point completes: it is not frozen").isTrue();
        JsonNode operation = agent.get("/operations/" + id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("detail").asText())
                .contains("stopped while the operation was running", "stopped at step freeze", "thawed");
        assertThat(agent.volumeIds("tag:snaptastic:managed", "true"))
                .as("the mounted volume stays; nothing else was made").containsExactly(volumeId);
        assertThat(AgentUnderTest.mounted(agent.mountPoint())).isTrue();
    }

    private long frozenRecords() throws Exception {
        Path dir = agent.stateDir().resolve("frozen");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".frozen")).count();
        }
    }
}
