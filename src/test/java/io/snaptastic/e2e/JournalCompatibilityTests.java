package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The agent started on a journal that an agent of another version wrote (issue 16): a step or status it
 * does not know still reads, {@code GET /operations/{id}} shows it as written, and the reason an
 * interrupted operation was failed with names it.
 */
@RequiresLoopDevices
class JournalCompatibilityTests {

    static final String SNAPSHOT_ID = "op-00000000-0000-4000-8000-000000000001";
    static final String MOUNT_ID = "op-00000000-0000-4000-8000-000000000002";

    // A finished snapshot of a newer agent: a step (verify-snapshot) and a status (deferred) this one lacks.
    static final String FINISHED_BY_A_NEWER_AGENT = """
            {"operation":{"id":"%1$s","type":"snapshot","snapshotter":"solr","status":"succeeded",\
            "startedAt":"%2$s","endedAt":"%2$s","volumes":[\
            {"device":"/dev/sdf","mountPoint":"/mnt/solr","volumeId":"vol-1","snapshotId":"snap-1",\
            "step":"verify-snapshot","status":"deferred","freezeMillis":84,"warning":"verified later"}]},\
            "idempotencyKey":null,"requestFingerprint":"fingerprint"}""";

    // A mount the agent was running when it stopped, journalled before volumes had warnings, at a newer step.
    static final String RUNNING_WITHOUT_WARNINGS = """
            {"operation":{"id":"%1$s","type":"mount","snapshotter":"solr","status":"running",\
            "startedAt":"%2$s","volumes":[\
            {"device":"/dev/sdf","mountPoint":"/mnt/solr","step":"resize-partition","status":"running"}]},\
            "idempotencyKey":null,"requestFingerprint":"fingerprint"}""";

    AgentProcess agent;

    @BeforeEach
    void root() throws Exception {
        agent = new AgentProcess(Files.createTempDirectory("snaptastic-journal").toRealPath());
    }

    @AfterEach
    void release() throws Exception {
        agent.kill();
        AgentUnderTest.release(agent.root());
    }

    @Test
    void showsAndReconcilesStepsAndStatusesThatAnotherVersionWrote() throws Exception {
        Path operations = Files.createDirectories(agent.stateDir().resolve("operations"));
        // Recent, or the journal forgets the finished one at start-up (snaptastic.operations.max-age).
        Instant recently = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        Files.writeString(operations.resolve(SNAPSHOT_ID + ".json"), FINISHED_BY_A_NEWER_AGENT.formatted(SNAPSHOT_ID, recently));
        Files.writeString(operations.resolve(MOUNT_ID + ".json"), RUNNING_WITHOUT_WARNINGS.formatted(MOUNT_ID, recently));

        agent.start();

        JsonNode finished = agent.get("/operations/" + SNAPSHOT_ID).get("volumes").get(0);
        assertThat(finished.get("step").asText()).isEqualTo("verify-snapshot");
        assertThat(finished.get("status").asText()).isEqualTo("deferred");
        assertThat(finished.get("warning").asText()).isEqualTo("verified later");
        JsonNode interrupted = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> agent.get("/operations/" + MOUNT_ID), operation -> !"running".equals(operation.get("status").asText()));
        assertThat(interrupted.get("status").asText()).isEqualTo("failed");
        assertThat(interrupted.get("error").get("detail").asText()).contains("/dev/sdf stopped at step resize-partition");
        assertThat(interrupted.get("volumes").get(0).get("step").asText()).isEqualTo("resize-partition");
        assertThat(interrupted.get("volumes").get(0).has("warning")).isFalse();
        assertThat(Files.readString(operations.resolve(MOUNT_ID + ".json")))
                .as("journalled again as failed, the step as it was")
                .contains("\"status\":\"failed\"", "\"step\":\"resize-partition\",\"status\":\"running\"");
    }
}
