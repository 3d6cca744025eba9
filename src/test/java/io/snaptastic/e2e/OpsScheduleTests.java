package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.ec2.Ec2;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scheduled snapshots on the sandbox: with {@code schedule} set, a snapshot operation marked
 * trigger=schedule succeeds and leaves a snapshot although nobody asked for one over HTTP.
 */
@RequiresLoopDevices
class OpsScheduleTests {

    @Test
    void theScheduleSnapshotsWithoutAnyRequest() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.mount-on-startup=true",
                "snaptastic.snapshotters.solr.schedule=*/3 * * * * *",
                "snaptastic.snapshotters.solr.schedule-jitter=0s")) {
            // Runs that find the start-up mount still busy are skipped; a later one snapshots the mounted volume.
            JsonNode scheduled = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> succeededScheduledSnapshot(agent), Optional::isPresent).orElseThrow();

            assertThat(scheduled.get("snapshotter").asText()).isEqualTo("solr");
            String snapshotId = scheduled.get("volumes").get(0).get("snapshotId").asText();
            assertThat(agent.bean(Ec2.class).findSnapshot(snapshotId)).as("the snapshot exists in EC2").isPresent();
            assertThat(operations(agent).filter(operation -> operation.get("type").asText().equals("snapshot")))
                    .as("every snapshot operation came from the schedule")
                    .allSatisfy(operation -> assertThat(operation.get("details").get("trigger").asText())
                            .isEqualTo("schedule"));
        }
    }

    private static Optional<JsonNode> succeededScheduledSnapshot(AgentUnderTest agent) {
        return operations(agent)
                .filter(operation -> operation.get("type").asText().equals("snapshot"))
                .filter(operation -> operation.get("status").asText().equals("succeeded"))
                .filter(operation -> operation.path("details").path("trigger").asText().equals("schedule"))
                .findFirst();
    }

    private static java.util.stream.Stream<JsonNode> operations(AgentUnderTest agent) {
        return StreamSupport.stream(agent.get("/operations?snapshotter=solr").json().spliterator(), false);
    }
}
