package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import tools.jackson.databind.JsonNode;

/**
 * A server error from CreateSnapshots, before EC2 acted or after it acted and the answer was lost,
 * fails no backup and leaves exactly one snapshot per volume: the sandbox injects both faults.
 */
@RequiresLoopDevices
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SnapshotRetryTests {

    private static final Pattern SERVER_ERRORS =
            Pattern.compile("snaptastic_ec2_calls_total\\{action=\"CreateSnapshots\",outcome=\"server-error\"} ([0-9.]+)");

    @Test
    void aMakeSnapshotsWhoseAnswerIsLostKeepsWhatEc2MadeWithOneSnapshotPerVolume() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(
                        "snaptastic.sandbox.faults.lost-answer.CreateSnapshots=1.0",
                        "snaptastic.snapshotters.pair.volumes[0].device=/dev/sdg",
                        "snaptastic.snapshotters.pair.volumes[0].mount-point=${root}/mnt/a",
                        "snaptastic.snapshotters.pair.volumes[0].size=1",
                        "snaptastic.snapshotters.pair.volumes[1].device=/dev/sdh",
                        "snaptastic.snapshotters.pair.volumes[1].mount-point=${root}/mnt/b",
                        "snaptastic.snapshotters.pair.volumes[1].size=1",
                        "e2e.cleanup-snapshotters=solr,pair");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            assertThat(agent.post("/mounts?wait=120", "{\"snapshotter\":\"pair\"}").json().get("status").asText())
                    .isEqualTo("succeeded");

            JsonNode snapshot = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"pair\"}").json();

            assertThat(snapshot.get("status").asText()).isEqualTo("succeeded");
            List<String> kept = new ArrayList<>();
            snapshot.get("volumes").forEach(volume -> kept.add(volume.get("snapshotId").asText()));
            List<Snapshot> made = snapshotsOf(ec2, "pair");
            assertThat(made).as("every answer lost, yet one snapshot per volume, the ones EC2 made").hasSize(2);
            assertThat(made.stream().map(Snapshot::volumeId).distinct()).hasSize(2);
            assertThat(made.stream().map(Snapshot::snapshotId)).containsExactlyInAnyOrderElementsOf(kept);
            assertThat(serverErrors(agent)).as("the answer was lost").isEqualTo(1);
        }
    }

    @Test
    void tenMakeSnapshotsAtATwentyPercentServerErrorRateAllSucceedWithOneSnapshotEach() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(
                        "snaptastic.sandbox.faults.error-rate=0.2",
                        // The sandbox is consistent at once: one look after a 5xx suffices here.
                        "snaptastic.snapshots.lost-answer-patience=1s");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            assertThat(agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json().get("status").asText())
                    .isEqualTo("succeeded");

            List<String> kept = new ArrayList<>();
            // Ten at least; on until a CreateSnapshots was refused with a 5xx, or the run proved nothing (at most 30).
            while (kept.size() < 10 || (serverErrors(agent) == 0 && kept.size() < 30)) {
                JsonNode snapshot = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json();
                assertThat(snapshot.get("status").asText()).as("make-snapshots #%d: %s", kept.size() + 1, snapshot).isEqualTo("succeeded");
                kept.add(snapshot.get("volumes").get(0).get("snapshotId").asText());
            }

            assertThat(serverErrors(agent)).as("CreateSnapshots answered a 5xx at least once").isPositive();
            List<Snapshot> made = snapshotsOf(ec2, "solr");
            assertThat(made.stream().map(Snapshot::snapshotId)).as("no snapshot lost, none twice")
                    .containsExactlyInAnyOrderElementsOf(kept);
        }
    }

    /** The snapshotter's snapshots; the test's own client meets the injected errors too, so it asks again. */
    private static List<Snapshot> snapshotsOf(Ec2Client ec2, String snapshotter) {
        AtomicReference<List<Snapshot>> snapshots = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            snapshots.set(ec2.describeSnapshots(b -> b.ownerIds("self").filters(
                    Filter.builder().name("tag:snaptastic:snapshotter").values(snapshotter).build())).snapshots());
            return true;
        });
        return snapshots.get();
    }

    private static long serverErrors(AgentUnderTest agent) {
        Matcher matcher = SERVER_ERRORS.matcher(Actuator.of(agent).scrape());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }
}
