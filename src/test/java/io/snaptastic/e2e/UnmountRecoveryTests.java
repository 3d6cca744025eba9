package io.snaptastic.e2e;

import static io.snaptastic.e2e.SandboxClient.tags;
import static io.snaptastic.e2e.SandboxClient.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * The agent killed with SIGKILL in the middle of an unmount, then started again on the same state dir
 * (issue 15): a kept volume is never reaped, a deleting unmount's volume is deleted. The kill point is
 * the DetachVolume call in flight, held by sandbox latency after the sandbox has started the detach.
 */
@RequiresLoopDevices
class UnmountRecoveryTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    @RegisterExtension
    final AgentProcess agent = AgentProcess.inTempDirectory("snaptastic-unmount-kill");

    @Test
    void aKillDuringTheDetachOfAKeptVolumeLeavesItRetainedAndTheReaperLeavesIt() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.DetachVolume=3s");
        String volumeId = mountAndSnapshot();
        Files.writeString(agent.mountPoint().resolve("after-the-snapshot.txt"), "only on the volume");
        String id = killWhileDetaching("/mounts/solr", volumeId);

        agent.start("snaptastic.reaper.available-for=5s", "snaptastic.reaper.interval=5s");

        try (Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> volume(ec2, volumeId)
                    .filter(v -> "available".equals(v.stateAsString())).isPresent());
            // Two reaper passes and more past its threshold: before issue 15 it deleted the volume here.
            await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20))
                    .until(() -> volume(ec2, volumeId).filter(v -> "available".equals(v.stateAsString())).isPresent());
            assertThat(tags(volume(ec2, volumeId).orElseThrow())).containsEntry("snaptastic:retained", "true");
        }
        JsonNode operation = agent.reconciled(id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("detail").asText())
                .contains("stopped at step", volumeId + " kept, tagged snaptastic:retained=true");
    }

    @Test
    void aKillDuringTheDetachOfADeletingUnmountDeletesTheVolumeAtStartUp() throws Exception {
        agent.start("snaptastic.sandbox.faults.latency.DetachVolume=3s");
        String volumeId = mountAndSnapshot();
        String id = killWhileDetaching("/mounts/solr?deleteVolumes=true", volumeId);

        agent.start("snaptastic.reaper.enabled=false");

        JsonNode operation = agent.reconciled(id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("detail").asText()).contains("deleted " + volumeId);
        try (Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            assertThat(volume(ec2, volumeId).map(Volume::stateAsString).orElse("deleted"))
                    .as("deleted, although the reaper is off").isIn("deleting", "deleted");
        }
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        assertThat(agent.volumeIds("tag:snaptastic:managed", "true", "status", "in-use"))
                .as("one volume for the mount point, made anew").hasSize(1).doesNotContain(volumeId);
    }

    private String mountAndSnapshot() {
        assertThat(agent.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        assertThat(agent.post("/snapshots?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        return agent.volumeIds("tag:snaptastic:managed", "true").get(0);
    }

    /** Starts the unmount without waiting and kills the agent once the sandbox has begun the detach. */
    private String killWhileDetaching(String path, String volumeId) throws Exception {
        String id = agent.delete(path).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> agent.log().contains("sandbox: detaching " + volumeId));
        agent.kill();
        return id;
    }
}
