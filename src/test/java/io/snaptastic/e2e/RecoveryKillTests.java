package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The agent killed with SIGKILL in the middle of a mount and of a freeze, then started again on the
 * same state dir: nothing stays frozen, no volume it created leaks, and the operation reads failed
 * with why. The kill point is made deterministic by sandbox latency on the call in flight.
 */
@RequiresLoopDevices
class RecoveryKillTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    @RegisterExtension
    final AgentProcess agent = AgentProcess.inTempDirectory("snaptastic-kill");

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

        JsonNode operation = agent.reconciled(id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("type").asText()).endsWith("/agent-stopped");
        assertThat(operation.get("error").get("detail").asText())
                .contains("stopped while the operation was running", "/dev/sdf stopped at step attach", "deleted " + volumeId);
        // DeleteVolume returns while the volume is still `deleting`, as on EC2: wait for it to be gone.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(agent.volumeIds("tag:snaptastic:managed", "true")).as("no volume leaks").isEmpty());
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText())
                .as("the snapshotter is free and mounts again").isEqualTo("succeeded");
    }

    /**
     * Issue 15: the reconciliation ran before the servers started, so a slow EC2 held back liveness (and
     * the chart's startup probe). Now it runs behind them, holds readiness DOWN and its snapshotter busy,
     * and the start-up mount waits for it.
     */
    @Test
    void aSlowReconciliationRunsOnceTheAgentIsUpAndHoldsItsSnapshotterUntilDone() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.AttachVolume=5s");
        String id = agent.post("/mounts", SOLR).get("id").asText();
        Path journal = agent.stateDir().resolve("operations").resolve(id + ".json");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(journal) && Files.readString(journal).contains("\"step\":\"attach\""));
        String leftBehind = agent.volumeIds("tag:snaptastic:managed", "true").get(0);
        agent.kill();

        // DeleteVolume answers after 40s, longer than the agent needs to start: reconciling takes that long.
        agent.start("snaptastic.sandbox.faults.latency.DeleteVolume=40s", "snaptastic.aws.call-timeout=2m",
                "snaptastic.snapshotters.solr.mount-on-startup=true");

        Actuator.HealthAnswer readiness = agent.actuator().health("/actuator/health/readiness");
        assertThat(readiness.status()).as("readiness while reconciling").isEqualTo(503);
        assertThat(readiness.json().at("/components/recovery/status").asText())
                .as("a recovery component of readiness, DOWN while reconciling").isEqualTo("DOWN");
        assertThat(readiness.details("recovery").get(id).get("snapshotter").asText()).isEqualTo("solr");
        assertThat(readiness.details("recovery").get(id).get("status").asText()).isIn("waiting", "reconciling");
        assertThat(readiness.details("startup").get("solr").get("status").asText())
                .as("the start-up mount waits for the reconciliation").isEqualTo("waiting");
        assertThat(agent.get("/operations/" + id).get("status").asText()).isEqualTo("running");
        JsonNode refused = agent.post("/mounts", SOLR);
        assertThat(refused.get("status").asInt()).isEqualTo(409);
        assertThat(refused.get("detail").asText()).contains("being reconciled");
        assertThat(refused.get("operationId").asText()).isEqualTo(id);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> agent.managementStatus("/actuator/health/readiness") == 200);
        JsonNode operation = agent.get("/operations/" + id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("detail").asText()).contains("/dev/sdf stopped at step attach", "deleted " + leftBehind);
        Actuator.HealthAnswer ready = agent.actuator().health("/actuator/health/readiness");
        assertThat(ready.details("recovery").get(id).get("status").asText()).isEqualTo("reconciled");
        assertThat(ready.details("startup").get("solr").get("status").asText()).isEqualTo("done");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(agent.volumeIds("tag:snaptastic:managed", "true")).as("only the start-up mount's volume")
                        .hasSize(1).doesNotContain(leftBehind));
        assertThat(AgentUnderTest.mounted(agent.mountPoint())).isTrue();
    }

    @Test
    void aKillDuringAFreezeLeavesNothingFrozenAndTheSnapshotReadsFailed() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.CreateSnapshots=20s",
                "snaptastic.snapshotters.solr.freeze-max-duration=10m");
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        String volumeId = agent.volumeIds("tag:snaptastic:managed", "true").get(0);
        String id = agent.post("/snapshots", SOLR).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> agent.frozenRecords() > 0 && agent.log().contains("froze "));

        agent.kill();
        agent.start();

        assertThat(agent.frozenRecords()).as("the freeze record is gone once thawed").isZero();
        CommandResult write = new ProcessHostExecutor().execute(Command.of("dd", "if=/dev/zero",
                "of=" + agent.mountPoint().resolve("probe"), "bs=4096", "count=1", "conv=fsync")
                .withTimeout(Duration.ofSeconds(20)));
        assertThat(write.succeeded()).as("a write to the mount point completes: it is not frozen").isTrue();
        JsonNode operation = agent.reconciled(id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("detail").asText())
                .contains("stopped while the operation was running", "stopped at step freeze", "thawed");
        assertThat(agent.volumeIds("tag:snaptastic:managed", "true"))
                .as("the mounted volume stays; nothing else was made").containsExactly(volumeId);
        assertThat(AgentUnderTest.mounted(agent.mountPoint())).isTrue();
    }
}
