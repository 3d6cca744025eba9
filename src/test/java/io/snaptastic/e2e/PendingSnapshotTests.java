package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import tools.jackson.databind.JsonNode;

/** A restore whose newest snapshot is still pending when the pending-snapshot wait runs out. */
@RequiresLoopDevices
class PendingSnapshotTests {

    @Test
    void restoresTheNewestCompletedSnapshotWithAWarningWhenTheNewestIsStillPending() throws Exception {
        // Snapshots stay pending for 30 s, far longer than the mount's 1 s wait for them.
        try (AgentUnderTest agent = AgentUnderTest.start(
                        "snaptastic.sandbox.snapshot-delay=30s",
                        "snaptastic.snapshotters.solr.pending-snapshot-wait=1s");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            Path mountPoint = agent.mountPoint("solr");
            assertThat(agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json().get("status").asText())
                    .isEqualTo("succeeded");
            String older = snapshotWith(agent, mountPoint, "older");
            await().atMost(Duration.ofSeconds(90)).until(() -> ec2.describeSnapshots(b -> b.snapshotIds(older))
                    .snapshots().get(0).state() == SnapshotState.COMPLETED);
            String newer = snapshotWith(agent, mountPoint, "newer");
            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");

            JsonNode mount = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(ec2.describeSnapshots(b -> b.snapshotIds(newer)).snapshots().get(0).state())
                    .as("the newer snapshot while the mount ran").isEqualTo(SnapshotState.PENDING);
            assertThat(mount.get("status").asText()).isEqualTo("succeeded");
            JsonNode volume = mount.get("volumes").get(0);
            assertThat(volume.get("snapshotId").asText()).isEqualTo(older);
            assertThat(volume.get("warning").asText()).contains(older, newer, "still pending after PT1S");
            assertThat(Files.readString(mountPoint.resolve("data.txt"))).isEqualTo("older");
        }
    }

    private static String snapshotWith(AgentUnderTest agent, Path mountPoint, String content) throws Exception {
        Files.writeString(mountPoint.resolve("data.txt"), content);
        new ProcessHostExecutor().run(Command.of("sync", "-f", mountPoint.toString()));
        JsonNode snapshot = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json();
        assertThat(snapshot.get("status").asText()).isEqualTo("succeeded");
        return snapshot.get("volumes").get(0).get("snapshotId").asText();
    }
}
