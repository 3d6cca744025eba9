package io.snaptastic.e2e;

import static io.snaptastic.e2e.SandboxClient.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * The agent killed with SIGKILL while a mount waits for an attachment that stays {@code attaching}
 * (issue 15, item 3): at start-up the reconciler detaches it, normally first and with Force once EC2
 * refuses that (IncorrectState, as the sandbox answers), and deletes it. The fault stays on after the
 * restart, so the attachment never completes by itself. A later mount that finds such a volume at its
 * device removes it rather than waiting on it again.
 */
@RequiresLoopDevices
class StuckAttachmentRecoveryTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    @RegisterExtension
    final AgentProcess agent = AgentProcess.inTempDirectory("snaptastic-stuck-kill");

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

        JsonNode operation = agent.reconciled(id);
        assertThat(operation.get("status").asText()).isEqualTo("failed");
        assertThat(operation.get("error").get("detail").asText())
                .contains("stopped at step await-attached", "detached and deleted " + volumeId);
        assertThat(agent.volumeIds("tag:snaptastic:managed", "true", "status", "in-use"))
                .as("nothing stays attached").isEmpty();
        assertThat(agent.log()).contains("forcing the detach");
    }

    @Test
    void aMountDoesNotAdoptAManagedVolumeStuckAttachingButRemovesIt() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.sandbox.faults.attach-never-completes=true",
                        "snaptastic.timeouts.attached=20s", "snaptastic.timeouts.stuck-attaching=2s",
                        "snaptastic.reaper.enabled=false");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            // A first mount fails and cleans up after itself; the tags of the volume it made are the snapshotter's.
            String first = agent.post("/mounts", SOLR).json().get("id").asText();
            Volume made = await().atMost(Duration.ofSeconds(30)).until(() -> ec2.describeVolumes(b -> b.filters(
                    Filter.builder().name("tag:snaptastic:snapshotter").values("solr").build())).volumes().stream()
                    .findFirst().orElse(null), java.util.Objects::nonNull);
            await().atMost(Duration.ofSeconds(60)).until(() -> "failed".equals(
                    agent.get("/operations/" + first).json().get("status").asText()));
            // What a crash the reconciler could not clean up leaves: a managed volume stuck attaching at /dev/sdf.
            String stuck = ec2.createVolume(b -> b.availabilityZone(made.availabilityZone()).size(1).volumeType("gp3")
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(made.tags()).build()))
                    .volumeId();
            await().atMost(Duration.ofSeconds(30)).until(() -> "available".equals(state(ec2, stuck)));
            String instanceId = made.tags().stream().filter(t -> t.key().equals("instance_id")).findFirst().orElseThrow().value();
            ec2.attachVolume(b -> b.volumeId(stuck).instanceId(instanceId).device("/dev/sdf"));

            JsonNode mount = agent.post("/mounts?wait=120", SOLR).json();

            JsonNode volume = mount.get("volumes").get(0);
            assertThat(volume.get("volumeId").asText()).isEqualTo(stuck);
            assertThat(state(ec2, stuck)).as("removed, not left for the next mount to wait on").isIn("deleting", "deleted");
            assertThat(volume.get("error").asText()).contains("never finished attaching");
            assertThat(AgentUnderTest.mounted(agent.mountPoint("solr"))).isFalse();
        }
    }
}
