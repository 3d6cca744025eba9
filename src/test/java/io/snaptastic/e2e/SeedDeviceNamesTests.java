package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Instance;
import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import tools.jackson.databind.JsonNode;

/** The seed's device names and a stuck attachment, against the sandbox with real loop devices. */
@RequiresLoopDevices
class SeedDeviceNamesTests {

    private static final String MOUNT = "{\"snapshotter\":\"solr\"}";
    private static final String WARNING = "volumes[0].device: /dev/sdf1 is attached as the whole disk /dev/sdf";

    @ParameterizedTest(name = "nitro={0}")
    @ValueSource(booleans = {true, false})
    void mountsSnapshotsAndMountsAgainTheSeedsPartitionNameAsTheWholeDisk(boolean nitro) throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf1",
                "snaptastic.sandbox.nitro=" + nitro)) {
            Path mountPoint = agent.mountPoint("solr");
            JsonNode listed = agent.get("/snapshotters/solr").json();
            assertThat(listed.get("volumes").get(0).get("device").asText()).isEqualTo("/dev/sdf");
            assertThat(listed.get("warnings").get(0).asText()).startsWith(WARNING);

            JsonNode mounted = agent.post("/mounts?wait=120", MOUNT).json();

            assertThat(mounted.get("status").asText()).isEqualTo("succeeded");
            assertThat(mounted.get("details").get("warnings").get(0).asText()).startsWith(WARNING);
            JsonNode volume = mounted.get("volumes").get(0);
            assertThat(volume.get("device").asText()).isEqualTo("/dev/sdf");
            String volumeId = volume.get("volumeId").asText();
            Instance.BlockDevice mapping = agent.bean(Ec2.class).describeInstance("i-0sandbox000000001").at("/dev/sdf")
                    .orElseThrow();
            assertThat(mapping.volumeId()).isEqualTo(volumeId);
            assertThat(mapping.deleteOnTermination()).isTrue();
            JsonNode health = Actuator.of(agent).health("/actuator/health/readiness").details("mounts")
                    .get(mountPoint.toString());
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("device").asText()).isEqualTo("/dev/sdf");
            byte[] content = ("seed " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            Files.write(mountPoint.resolve("index.dat"), content);
            new ProcessHostExecutor().run(Command.of("sync", "-f", mountPoint.toString()));

            JsonNode snapshot = agent.post("/snapshots?wait=120", MOUNT).json();
            assertThat(snapshot.get("status").asText()).isEqualTo("succeeded");
            assertThat(snapshot.get("volumes").get(0).get("volumeId").asText()).isEqualTo(volumeId);
            String snapshotId = snapshot.get("volumes").get(0).get("snapshotId").asText();
            JsonNode unmounted = agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json();
            assertThat(unmounted.get("status").asText()).isEqualTo("succeeded");
            assertThat(AgentUnderTest.mounted(mountPoint)).isFalse();

            JsonNode again = agent.post("/mounts?wait=120", MOUNT).json();

            assertThat(again.get("status").asText()).isEqualTo("succeeded");
            assertThat(again.get("volumes").get(0).get("snapshotId").asText()).isEqualTo(snapshotId);
            assertThat(AgentUnderTest.mounted(mountPoint)).isTrue();
            assertThat(Files.readAllBytes(mountPoint.resolve("index.dat"))).isEqualTo(content);
        }
    }

    @Test
    void aStuckAttachmentFailsLongBeforeTheAttachTimeoutAndLeavesNoVolume() throws Exception {
        // The attach timeout stays at its 5 minutes: only the stuck-attaching timeout can end this mount.
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.sandbox.faults.attach-never-completes=true",
                        "snaptastic.timeouts.stuck-attaching=2s");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            long started = System.nanoTime();

            JsonNode mount = agent.post("/mounts?wait=120", MOUNT).json();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
            assertThat(mount.get("status").asText()).isEqualTo("failed");
            JsonNode volume = mount.get("volumes").get(0);
            assertThat(volume.get("status").asText()).isEqualTo("failed");
            assertThat(volume.get("step").asText()).isEqualTo("await-attached");
            assertThat(volume.get("error").asText()).contains("got stuck: still attaching after 2 s");
            String volumeId = volume.get("volumeId").asText();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ec2.describeVolumes(b -> b.filters(
                            Filter.builder().name("volume-id").values(volumeId).build())).volumes())
                    .as("the volume the stuck mount created")
                    .allSatisfy(v -> assertThat(v.stateAsString()).isIn("deleting", "deleted")));
            assertThat(AgentUnderTest.mounted(agent.mountPoint("solr"))).isFalse();
        }
    }
}
