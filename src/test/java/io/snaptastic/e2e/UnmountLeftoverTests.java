package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * A repeated {@code DELETE /mounts/NAME?deleteVolumes=true} deletes what an earlier one left detached
 * (issue 15, item 2), against the sandbox on loop devices. The leftovers are made as a crashed or
 * failed unmount leaves them: available volumes with the agent's tags, made here through EC2 itself.
 */
@RequiresLoopDevices
class UnmountLeftoverTests {

    @Test
    void aDeletingUnmountDeletesTheSnapshottersDetachedLeftoversButKeepsARetainedOne() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(); Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            JsonNode mounted = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            String attachedId = mounted.get("volumes").get(0).get("volumeId").asText();
            Volume attached = volume(ec2, attachedId);
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

    private static Volume volume(Ec2Client ec2, String id) {
        return ec2.describeVolumes(b -> b.volumeIds(id)).volumes().get(0);
    }

    private static String state(Ec2Client ec2, String id) {
        // A filter, not an id: EC2 answers an id that no longer exists with InvalidVolume.NotFound.
        return ec2.describeVolumes(b -> b.filters(Filter.builder().name("volume-id").values(id).build()))
                .volumes().stream().findFirst().map(Volume::stateAsString).orElse("deleted");
    }
}
