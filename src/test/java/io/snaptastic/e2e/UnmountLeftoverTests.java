package io.snaptastic.e2e;

import static io.snaptastic.e2e.SandboxClient.liveManagedVolumes;
import static io.snaptastic.e2e.SandboxClient.state;
import static io.snaptastic.e2e.SandboxClient.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * A repeated {@code DELETE /mounts/NAME?deleteVolumes=true} deletes what an earlier one left detached
 * (issue 15, item 2), against the sandbox on loop devices. The leftovers are made as a crashed or
 * failed unmount leaves them: available volumes with the agent's tags, made here through EC2 itself,
 * or by a DeleteVolume that the sandbox fails ({@code fail-first}).
 */
@RequiresLoopDevices
class UnmountLeftoverTests {

    @Test
    void aDeletingUnmountDeletesTheSnapshottersDetachedLeftoversButKeepsARetainedOne() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(); Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            JsonNode mounted = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            String attachedId = mounted.get("volumes").get(0).get("volumeId").asText();
            Volume attached = volume(ec2, attachedId).orElseThrow();
            String leftover = leftoverLike(ec2, attached, Map.of());
            String retained = leftoverLike(ec2, attached, Map.of("snaptastic:retained", "true"));
            String otherSnapshotter = leftoverLike(ec2, attached, Map.of("snaptastic:snapshotter", "pg"));

            JsonNode unmount = agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json();

            assertThat(unmount.get("status").asText()).isEqualTo("succeeded");
            assertThat(state(ec2, attachedId)).isIn("deleting", "deleted");
            assertThat(state(ec2, leftover)).as("the leftover is deleted").isIn("deleting", "deleted");
            assertThat(state(ec2, retained)).as("a retained volume is never deleted here").isEqualTo("available");
            assertThat(state(ec2, otherSnapshotter)).as("another snapshotter's volume stays").isEqualTo("available");
            assertThat(unmount.get("volumes").get(0).path("warning").asText()).contains(retained, "snaptastic:retained=true");
        }
    }

    @Test
    void aDeletingUnmountWhoseDeleteFailedIsRepeatedUntilTheVolumeIsGoneAndTheNextMountMakesOne() throws Exception {
        // The SDK tries a 500 five times (Ec2ClientSettings.MAX_ATTEMPTS): five failures fail the one DeleteVolume call.
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.sandbox.faults.fail-first.DeleteVolume=5");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            Actuator actuator = Actuator.of(agent);
            String mountPoint = agent.mountPoint("solr").toString();
            JsonNode mounted = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            String first = mounted.get("volumes").get(0).get("volumeId").asText();
            assertThat(actuator.health("/actuator/health/readiness").status()).isEqualTo(200);

            JsonNode failed = agent.delete("/mounts/solr?deleteVolumes=true&wait=120").json();

            assertThat(failed.get("status").asText()).isEqualTo("failed");
            JsonNode volume = failed.get("volumes").get(0);
            assertThat(volume.get("step").asText()).as("the delete failed, not the detach").isEqualTo("delete-volume");
            assertThat(volume.get("status").asText()).isEqualTo("failed");
            assertThat(state(ec2, first)).isEqualTo("available");
            Actuator.HealthAnswer down = actuator.health("/actuator/health/readiness");
            assertThat(down.status()).as("a failed unmount leaves its mount point expected: not ready").isEqualTo(503);
            assertThat(down.details("mounts").get(mountPoint).get("problem").asText()).isEqualTo("not mounted");

            JsonNode repeated = agent.delete("/mounts/solr?deleteVolumes=true&wait=120").json();

            assertThat(repeated.get("status").asText()).isEqualTo("succeeded");
            assertThat(repeated.get("volumes").get(0).get("volumeId").asText()).isEqualTo(first);
            assertThat(state(ec2, first)).isIn("deleting", "deleted");
            Actuator.HealthAnswer unmounted = actuator.health("/actuator/health/readiness");
            assertThat(unmounted.status()).as("unmounted through the agent: nothing expected, ready").isEqualTo(200);
            assertThat(unmounted.componentState("mounts")).isEqualTo("UP");
            assertThat(unmounted.json().get("components").get("mounts").path("details").has(mountPoint))
                    .as("the mount point is no longer checked").isFalse();

            JsonNode remounted = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(remounted.get("status").asText()).isEqualTo("succeeded");
            assertThat(liveManagedVolumes(ec2).stream().map(Volume::volumeId).toList()).as("exactly one new volume for the mount point")
                    .containsExactly(remounted.get("volumes").get(0).get("volumeId").asText()).doesNotContain(first);
            assertThat(actuator.health("/actuator/health/readiness").status()).isEqualTo(200);
        }
    }

    /** An available volume with the tags of {@code like}, changed by {@code overrides}. */
    private static String leftoverLike(Ec2Client ec2, Volume like, Map<String, String> overrides) {
        Map<String, String> tags = new java.util.HashMap<>();
        like.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        tags.putAll(overrides);
        List<Tag> list = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        String id = ec2.createVolume(b -> b.availabilityZone(like.availabilityZone()).size(1).volumeType("gp3")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(list).build())).volumeId();
        await().atMost(Duration.ofSeconds(30)).until(() -> "available".equals(state(ec2, id)));
        return id;
    }
}
