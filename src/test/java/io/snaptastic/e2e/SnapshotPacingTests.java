package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import tools.jackson.databind.JsonNode;

/**
 * EC2's one snapshot per volume about every 15 s, kept by the sandbox at a 4 s window here: two
 * make-snapshots back to back both succeed, the second waiting for the window with the filesystem thawed.
 */
@RequiresLoopDevices
class SnapshotPacingTests {

    private static final Duration WINDOW = Duration.ofSeconds(4);

    @Test
    void twoSnapshotsWithinEc2sWindowBothSucceedAndTheSecondWaitsThawed() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(
                        "snaptastic.sandbox.snapshot-interval-per-volume=" + WINDOW.toSeconds() + "s",
                        "snaptastic.snapshots.per-volume-interval=" + WINDOW.toSeconds() + "s");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            Path mountPoint = agent.mountPoint("solr");
            JsonNode mounted = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            String volumeId = mounted.get("volumes").get(0).get("volumeId").asText();
            JsonNode first = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json();
            assertThat(first.get("status").asText()).isEqualTo("succeeded");

            String operationId = agent.post("/snapshots", "{\"snapshotter\":\"solr\"}").json().get("id").asText();
            // Every write made while the second snapshot runs must finish promptly: a filesystem frozen
            // through the wait would hold one for the whole window.
            int writes = 0;
            JsonNode second = agent.get("/operations/" + operationId).json();
            while (second.get("status").asText().equals("running")) {
                writeAndSync(mountPoint, writes++);
                second = agent.get("/operations/" + operationId).json();
            }

            assertThat(second.get("status").asText()).isEqualTo("succeeded");
            assertThat(writes).as("writes while the second snapshot waited").isGreaterThan(1);
            JsonNode volume = second.get("volumes").get(0);
            assertThat(volume.get("status").asText()).isEqualTo("done");
            assertThat(volume.get("freezeMillis").asLong()).as("frozen in all").isLessThan(WINDOW.toMillis() / 2);
            List<Instant> starts = ec2.describeSnapshots(b -> b.filters(f -> f.name("volume-id").values(volumeId)))
                    .snapshots().stream().map(Snapshot::startTime).sorted(Comparator.naturalOrder()).toList();
            assertThat(starts).hasSize(2);
            assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(WINDOW);
        }
    }

    private static void writeAndSync(Path mountPoint, int n) throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(mountPoint.resolve("during-" + n + ".txt"), "written while snapshotting");
                new ProcessHostExecutor().run(Command.of("sync", "-f", mountPoint.toString()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(WINDOW.toMillis() / 2, TimeUnit.MILLISECONDS);
    }
}
