package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.ResourceTags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Retention over HTTP on the sandbox: a dry run lists and deletes nothing, a real run deletes exactly
 * the expired managed snapshot, and keeps the newest, the one the mounted volume came from, and a
 * Python-snaptastic one (no adopt-legacy).
 */
@RequiresLoopDevices
class OpsRetentionTests {

    static final String PAST = "2020-01-01 00:00:00.000000";

    @Test
    void deletesOnlyWhatTheRulesSayAndKeepsTheNeverDeletedCases() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.retention.keep-last=1")) {
            Ec2 ec2 = agent.bean(Ec2.class);
            assertThat(agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json().get("status").asText())
                    .isEqualTo("succeeded");
            String restoredFrom = snapshot(agent);
            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");
            JsonNode remount = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            assertThat(remount.get("volumes").get(0).get("snapshotId").asText()).isEqualTo(restoredFrom);
            String legacy = snapshot(agent);
            String expired = snapshot(agent);
            String newest = snapshot(agent);
            List<String> old = List.of(restoredFrom, legacy, expired);
            ec2.createTags(old, Map.of(ResourceTags.EXPIRES, PAST));
            ec2.deleteTags(List.of(legacy), List.of(ResourceTags.MANAGED, ResourceTags.SNAPSHOTTER));

            JsonNode dryRun = agent.post("/snapshots/cleanup?wait=60", "{\"snapshotter\":\"solr\",\"dryRun\":true}").json();

            assertThat(dryRun.get("type").asText()).isEqualTo("cleanup");
            assertThat(dryRun.get("status").asText()).isEqualTo("succeeded");
            assertThat(items(dryRun.get("details").get("deleted"))).containsExactly(tuple(expired, "expired"));
            assertThat(ids(ec2)).contains(expired);

            JsonNode cleanup = agent.post("/snapshots/cleanup?wait=60", "{\"snapshotter\":\"solr\"}").json();

            assertThat(cleanup.get("status").asText()).isEqualTo("succeeded");
            assertThat(cleanup.get("details").get("dryRun").asBoolean()).isFalse();
            assertThat(items(cleanup.get("details").get("deleted"))).containsExactly(tuple(expired, "expired"));
            assertThat(items(cleanup.get("details").get("kept"))).containsExactlyInAnyOrder(
                    tuple(newest, "newest-completed"), tuple(legacy, "not-managed"), tuple(restoredFrom, "in-use"));
            assertThat(ids(ec2)).containsExactlyInAnyOrder(newest, legacy, restoredFrom);
        }
    }

    @Test
    void cleanupOfAnUnknownSnapshotterIsAProblem() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start()) {
            AgentUnderTest.Answer answer = agent.post("/snapshots/cleanup", "{\"snapshotter\":\"nope\",\"dryRun\":true}");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    /** One snapshot, awaited until completed: a pending one is protected, and the newest completed is what counts. */
    static String snapshot(AgentUnderTest agent) {
        JsonNode snapshot = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json();
        assertThat(snapshot.get("status").asText()).isEqualTo("succeeded");
        String id = snapshot.get("volumes").get(0).get("snapshotId").asText();
        Ec2 ec2 = agent.bean(Ec2.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                Snapshot.COMPLETED.equals(ec2.findSnapshot(id).orElseThrow().state()));
        return id;
    }

    private static List<String> ids(Ec2 ec2) {
        return ec2.describeSnapshots(Map.of("tag:role", List.of("*"))).stream().map(Snapshot::id).toList();
    }

    private static List<org.assertj.core.groups.Tuple> items(JsonNode list) {
        List<org.assertj.core.groups.Tuple> items = new ArrayList<>();
        StreamSupport.stream(list.spliterator(), false)
                .forEach(item -> items.add(tuple(item.get("snapshotId").asText(), item.get("reason").asText())));
        return items;
    }
}
