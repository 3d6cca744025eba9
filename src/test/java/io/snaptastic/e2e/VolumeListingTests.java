package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The volume listing keeps EC2's answer for a few seconds, yet a listing right after a mount or an
 * unmount shows what it did: the operation renews the listing's attachments before it answers.
 */
@RequiresLoopDevices
class VolumeListingTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    @Test
    void aListingRightAfterAMountOrUnmountShowsItsChange() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start()) {
            assertThat(volume(agent).get("state").asText()).isEqualTo("not-attached");

            JsonNode mount = agent.post("/mounts?wait=120", SOLR).json();
            assertThat(mount.get("status").asText()).isEqualTo("succeeded");
            JsonNode mounted = volume(agent);
            assertThat(mounted.get("state").asText()).isEqualTo("attached");
            assertThat(mounted.get("volumeId").asText()).isEqualTo(mount.get("volumes").get(0).get("volumeId").asText());
            assertThat(mounted.get("mounted").asBoolean()).isTrue();

            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText()).isEqualTo("succeeded");
            JsonNode unmounted = volume(agent);
            assertThat(unmounted.get("state").asText()).isEqualTo("not-attached");
            assertThat(unmounted.get("mounted").asBoolean()).isFalse();
        }
    }

    private static JsonNode volume(AgentUnderTest agent) {
        return agent.get("/volumes?snapshotter=solr").json().get(0);
    }
}
