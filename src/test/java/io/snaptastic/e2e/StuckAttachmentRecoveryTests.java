package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The agent killed with SIGKILL while a mount waits for an attachment that stays {@code attaching}
 * (issue 15, item 3): at start-up the reconciler detaches it, normally first and with Force once EC2
 * refuses that (IncorrectState, as the sandbox answers), and deletes it. The fault stays on after the
 * restart, so the attachment never completes by itself.
 */
@RequiresLoopDevices
class StuckAttachmentRecoveryTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    AgentProcess agent;

    @BeforeEach
    void root() throws Exception {
        agent = new AgentProcess(Files.createTempDirectory("snaptastic-stuck-kill").toRealPath());
    }

    @AfterEach
    void release() throws Exception {
        agent.kill();
        AgentUnderTest.release(agent.root());
    }

    @Test
    void aVolumeStuckAttachingWhenTheAgentDiedIsForceDetachedAndDeletedAtStartUp() throws Exception {
        agent.start("snaptastic.sandbox.faults.attach-never-completes=true");
        String id = agent.post("/mounts", SOLR).get("id").asText();
        Path journal = agent.stateDir().resolve("operations").resolve(id + ".json");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(journal) && Files.readString(journal).contains("\"step\":\"await-attached\""));
        String volumeId = agent.volumeIds("tag:snaptastic:managed", "true").get(0);
        assertThat(agent.volumeIds("attachment.status", "attaching")).containsExactly(volumeId);

        agent.kill();
        agent.start("snaptastic.sandbox.faults.attach-never-completes=true", "snaptastic.reaper.enabled=false");

        JsonNode operation = agent.get("/operations/" + id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("detail").asText())
                .contains("stopped at step await-attached", "detached and deleted " + volumeId);
        assertThat(agent.volumeIds("tag:snaptastic:managed", "true", "status", "in-use"))
                .as("nothing stays attached").isEmpty();
        assertThat(agent.log()).contains("forcing the detach");
    }
}
