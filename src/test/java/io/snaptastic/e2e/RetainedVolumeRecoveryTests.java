package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The agent killed with SIGKILL while a {@code prefer-retained} mount reattaches a kept volume (its
 * AttachVolume held by sandbox latency), then started again on the same state dir: start-up recovery
 * and the reaper leave the kept volume, and the next mount has its writes.
 */
@RequiresLoopDevices
class RetainedVolumeRecoveryTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";
    static final String PREFER_RETAINED = "snaptastic.snapshotters.solr.prefer-retained=true";

    @RegisterExtension
    final AgentProcess agent = AgentProcess.inTempDirectory("snaptastic-reattach-kill");

    @Test
    void aKillWhileReattachingAKeptVolumeLosesNeitherItNorItsWrites() throws Exception {
        agent.start(PREFER_RETAINED, "snaptastic.sandbox.faults.latency.AttachVolume=3s");
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        assertThat(agent.post("/snapshots?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        Files.writeString(agent.mountPoint().resolve("after-the-snapshot.txt"), "only on the volume");
        assertThat(agent.delete("/mounts/solr?wait=120").get("status").asText()).isEqualTo("succeeded");
        String keptId = agent.volumeIds("tag:snaptastic:managed", "true").get(0);
        String id = agent.post("/mounts", SOLR).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> agent.log().contains("sandbox: attaching " + keptId));
        agent.kill();

        agent.start(PREFER_RETAINED, "snaptastic.reaper.available-for=1s", "snaptastic.reaper.interval=2s");
        JsonNode interrupted = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> agent.get("/operations/" + id), operation -> !"running".equals(operation.get("status").asText()));
        assertThat(interrupted.get("status").asText()).isEqualTo("failed");
        // Two reaper passes past its threshold.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> agent.volumeIds("volume-id", keptId).contains(keptId));

        JsonNode mount = agent.post("/mounts?wait=120", SOLR);

        assertThat(mount.get("status").asText()).as(mount.toString()).isEqualTo("succeeded");
        assertThat(mount.get("volumes").get(0).get("volumeId").asText()).isEqualTo(keptId);
        assertThat(Files.readString(agent.mountPoint().resolve("after-the-snapshot.txt"))).isEqualTo("only on the volume");
        assertThat(agent.volumeIds("tag:snaptastic:managed", "true")).containsExactly(keptId);
        assertThat(agent.volumeIds("tag:snaptastic:retained", "false")).containsExactly(keptId);
    }
}
