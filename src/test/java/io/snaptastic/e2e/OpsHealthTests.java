package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Health over HTTP on the sandbox with loop devices: readiness follows the mounts the agent made, the
 * freshness check follows the newest snapshot, and a start-up mount holds readiness DOWN until done.
 */
@RequiresLoopDevices
class OpsHealthTests {

    static final String MOUNT = "{\"snapshotter\":\"solr\"}";

    @Test
    void readinessGoesDownWhenAMountIsRemovedBehindTheAgentsBackAndUpAgainAfterAMount() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start()) {
            Actuator actuator = Actuator.of(agent);
            Path mountPoint = agent.mountPoint("solr");
            assertThat(actuator.health("/actuator/health/readiness").status()).isEqualTo(200);

            JsonNode mount = agent.post("/mounts?wait=120", MOUNT).json();
            assertThat(mount.get("status").asText()).isEqualTo("succeeded");
            Actuator.HealthAnswer up = actuator.health("/actuator/health/readiness");
            assertThat(up.status()).isEqualTo(200);
            JsonNode details = up.details("mounts").get(mountPoint.toString());
            assertThat(details.get("status").asText()).isEqualTo("UP");
            assertThat(details.get("volumeId").asText()).isEqualTo(mount.get("volumes").get(0).get("volumeId").asText());
            assertThat(details.get("usagePercent").asInt()).isBetween(0, 90);

            new ProcessHostExecutor().execute(Command.of("umount", mountPoint.toString()).withTimeout(Duration.ofSeconds(30)));

            Actuator.HealthAnswer down = actuator.health("/actuator/health/readiness");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.state()).isEqualTo("DOWN");
            assertThat(down.details("mounts").get(mountPoint.toString()).get("problem").asText()).isEqualTo("not mounted");
            assertThat(actuator.health("/actuator/health/liveness").status()).isEqualTo(200);

            assertThat(agent.post("/mounts?wait=120", MOUNT).json().get("status").asText()).isEqualTo("succeeded");
            assertThat(actuator.health("/actuator/health/readiness").status()).isEqualTo(200);

            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");
            assertThat(actuator.health("/actuator/health/readiness").status())
                    .as("an unmount through the agent is expected: nothing to miss").isEqualTo(200);
        }
    }

    @Test
    void readinessIsDownWhileAMountIsFullerThanTheThreshold() throws Exception {
        // A fresh ext4 keeps 5% of its blocks for root, which counts as used here: above 1%.
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.health.mount-usage-threshold=1")) {
            Path mountPoint = agent.mountPoint("solr");
            assertThat(agent.post("/mounts?wait=120", MOUNT).json().get("status").asText()).isEqualTo("succeeded");

            Actuator.HealthAnswer down = Actuator.of(agent).health("/actuator/health/readiness");

            assertThat(down.status()).isEqualTo(503);
            JsonNode details = down.details("mounts").get(mountPoint.toString());
            assertThat(details.get("usagePercent").asInt()).isGreaterThan(1);
            assertThat(details.get("problem").asText()).matches("usage \\d+% is above 1%");
        }
    }

    @Test
    void freshnessIsDownWithoutASnapshotUpAfterOneAndDownAgainOnceItIsTooOld() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.max-snapshot-age=8s",
                "snaptastic.health.ec2-cache-ttl=0s")) {
            Actuator actuator = Actuator.of(agent);
            String mountPoint = agent.mountPoint("solr").toString();
            assertThat(agent.post("/mounts?wait=120", MOUNT).json().get("status").asText()).isEqualTo("succeeded");

            Actuator.HealthAnswer none = actuator.health("/actuator/health");
            assertThat(none.componentState("snapshots")).isEqualTo("DOWN");
            assertThat(none.details("snapshots").get(mountPoint).get("problem").asText()).isEqualTo("no completed snapshot");
            assertThat(actuator.health("/actuator/health/readiness").status())
                    .as("freshness is not part of readiness").isEqualTo(200);

            String snapshotId = OpsRetentionTests.snapshot(agent);

            Actuator.HealthAnswer fresh = actuator.health("/actuator/health");
            assertThat(fresh.componentState("snapshots")).isEqualTo("UP");
            assertThat(fresh.details("snapshots").get(mountPoint).get("snapshotId").asText()).isEqualTo(snapshotId);
            assertThat(fresh.details("snapshots").get(mountPoint).get("ageSeconds").asLong()).isLessThan(8);
            assertThat(fresh.componentState("ec2")).isEqualTo("UP");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(actuator.health("/actuator/health").componentState("snapshots")).isEqualTo("DOWN"));
            assertThat(actuator.health("/actuator/health").details("snapshots").get(mountPoint).get("ageSeconds").asLong())
                    .isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void mountOnStartupMountsAfterTheJitterWhileReadinessStaysDownUntilDone() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.mount-on-startup=true",
                "snaptastic.snapshotters.solr.startup-jitter=500ms",
                "snaptastic.sandbox.faults.latency.AttachVolume=2s")) {
            Actuator actuator = Actuator.of(agent);

            Actuator.HealthAnswer starting = actuator.health("/actuator/health/readiness");
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.details("startup").get("solr").get("status").asText()).isIn("waiting", "mounting");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(actuator.health("/actuator/health/readiness").status()).isEqualTo(200));
            JsonNode startup = actuator.health("/actuator/health/readiness").details("startup").get("solr");
            assertThat(startup.get("status").asText()).isEqualTo("done");
            assertThat(AgentUnderTest.mounted(agent.mountPoint("solr"))).isTrue();
            JsonNode operation = agent.get("/operations/" + startup.get("operationId").asText()).json();
            assertThat(operation.get("type").asText()).isEqualTo("mount");
            assertThat(operation.get("details").get("trigger").asText()).isEqualTo("startup");
            String volumeId = operation.get("volumes").get(0).get("volumeId").asText();
            assertThat(agent.bean(Ec2.class).describeInstance("i-0sandbox000000001").at("/dev/sdf").orElseThrow())
                    .as("delete-on-termination defaults to true")
                    .satisfies(device -> {
                        assertThat(device.volumeId()).isEqualTo(volumeId);
                        assertThat(device.deleteOnTermination()).isTrue();
                    });
        }
    }

    @Test
    void aFailedStartupMountIsReportedInReadinessAndInTheOperation() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.mount-on-startup=true",
                "snaptastic.sandbox.faults.attach-never-completes=true", "snaptastic.timeouts.attached=2s")) {
            Actuator actuator = Actuator.of(agent);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(actuator.health("/actuator/health/readiness").details("startup").get("solr").get("status")
                            .asText()).isEqualTo("failed"));
            Actuator.HealthAnswer readiness = actuator.health("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            JsonNode startup = readiness.details("startup").get("solr");
            assertThat(startup.get("problem").asText()).isNotBlank();
            JsonNode operation = agent.get("/operations/" + startup.get("operationId").asText()).json();
            assertThat(operation.get("status").asText()).isEqualTo("failed");
        }
    }

    @Test
    void deleteOnTerminationFollowsTheVolumeSetting() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.volumes[0].delete-on-termination=false")) {
            assertThat(agent.post("/mounts?wait=120", MOUNT).json().get("status").asText()).isEqualTo("succeeded");

            assertThat(agent.bean(Ec2.class).describeInstance("i-0sandbox000000001").at("/dev/sdf").orElseThrow()
                    .deleteOnTermination()).isFalse();
        }
    }
}
