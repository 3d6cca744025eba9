package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A graceful stop (SIGTERM) while a snapshot holds its freeze: the agent lets the operation finish,
 * thaw included, before it exits, and the snapshot reads succeeded after a restart.
 */
@RequiresLoopDevices
class RecoveryShutdownTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    AgentProcess agent;

    @BeforeEach
    void root() throws Exception {
        agent = new AgentProcess(Files.createTempDirectory("snaptastic-stop").toRealPath());
    }

    @AfterEach
    void release() throws Exception {
        agent.kill();
        AgentUnderTest.release(agent.root());
    }

    @Test
    void aStopDuringAFreezeWaitsForTheSnapshotAndItsThaw() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.CreateSnapshots=3s");
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        String id = agent.post("/snapshots", SOLR).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> agent.log().contains("froze "));

        agent.stop(Duration.ofSeconds(60));

        assertThat(agent.log()).contains("thawed ");
        assertThat(frozenRecords()).isZero();
        agent.start();
        JsonNode operation = agent.get("/operations/" + id);
        assertThat(operation.get("status").asText()).isEqualTo("succeeded");
        assertThat(operation.get("volumes").get(0).get("snapshotId").asText()).startsWith("snap-");
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
