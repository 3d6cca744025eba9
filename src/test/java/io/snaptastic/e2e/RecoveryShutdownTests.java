package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A graceful stop (SIGTERM) while a snapshot holds its freeze: the agent lets the operation finish,
 * thaw included, before it exits, and the snapshot reads succeeded after a restart. A stop while
 * an interrupted operation is still being reconciled leaves it for the next start.
 */
@RequiresLoopDevices
class RecoveryShutdownTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final AgentProcess agent = AgentProcess.inTempDirectory("snaptastic-stop");

    @Test
    void aStopDuringAFreezeWaitsForTheSnapshotAndItsThaw() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.CreateSnapshots=3s");
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        String id = agent.post("/snapshots", SOLR).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> agent.log().contains("froze "));

        agent.stop(Duration.ofSeconds(60));

        assertThat(agent.log()).contains("thawed ");
        assertThat(agent.frozenRecords()).isZero();
        agent.start();
        JsonNode operation = agent.get("/operations/" + id);
        assertThat(operation.get("status").asText()).isEqualTo("succeeded");
        assertThat(operation.get("volumes").get(0).get("snapshotId").asText()).startsWith("snap-");
    }

    @Test
    void aStopWhileReconcilingLeavesTheOperationForTheNextStart() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.AttachVolume=5s");
        String id = agent.post("/mounts", SOLR).get("id").asText();
        Path journal = agent.stateDir().resolve("operations").resolve(id + ".json");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(journal) && Files.readString(journal).contains("\"step\":\"attach\""));
        agent.kill();
        // DeleteVolume answers after 60s: the stop comes while the reconciliation waits for it.
        agent.start("snaptastic.sandbox.faults.latency.DeleteVolume=60s", "snaptastic.aws.call-timeout=2m");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> "reconciling".equals(
                agent.actuator().health("/actuator/health/readiness").json().at("/components/recovery/details/" + id + "/status")
                        .asText()));

        agent.stop(Duration.ofSeconds(90));

        assertThat(JSON.readTree(Files.readString(journal)).at("/operation/status").asText())
                .as("not reconciled, so not marked failed: the next start reconciles it").isEqualTo("running");
        agent.start();
        JsonNode operation = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> agent.get("/operations/" + id), o -> !"running".equals(o.get("status").asText()));
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("detail").asText()).contains("/dev/sdf stopped at step attach");
        // DeleteVolume returns while the volume is still `deleting`, as on EC2: wait for it to be gone.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(agent.volumeIds("tag:snaptastic:managed", "true")).as("no volume leaks").isEmpty());
    }
}
