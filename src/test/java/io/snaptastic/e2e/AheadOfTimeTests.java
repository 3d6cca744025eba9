package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The agent as the container image runs it, with the ahead-of-time processed context
 * ({@code -Dspring.aot.enabled=true}): one build, whose bean set was fixed at build time, serves the
 * sandbox and an instance alike. The build makes that context before the tests run (the
 * {@code process-aot} goal in the {@code process-classes} phase), so these tests run what ships.
 */
@RequiresLoopDevices
class AheadOfTimeTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";
    static final String AOT = "-Dspring.aot.enabled=true";

    AgentProcess sandbox;
    AgentProcess instance;

    @BeforeEach
    void roots() throws Exception {
        sandbox = new AgentProcess(Files.createTempDirectory("snaptastic-aot-sandbox").toRealPath()).withJvmArguments(AOT);
        instance = new AgentProcess(Files.createTempDirectory("snaptastic-aot-instance").toRealPath()).withJvmArguments(AOT);
    }

    @AfterEach
    void release() throws Exception {
        instance.kill();
        sandbox.kill();
        AgentUnderTest.release(instance.root());
        AgentUnderTest.release(sandbox.root());
    }

    @Test
    void theProcessedAgentMountsAndSnapshotsInTheSandbox() throws Exception {
        sandbox.start();

        assertThat(sandbox.log()).contains("Starting AOT-processed SnaptasticApplication");
        assertThat(sandbox.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        JsonNode snapshot = sandbox.post("/snapshots?wait=120", SOLR);
        assertThat(snapshot.get("status").asText()).isEqualTo("succeeded");
        assertThat(snapshot.get("volumes").get(0).get("snapshotId").asText()).startsWith("snap-");
        assertThat(sandbox.managementStatus("/actuator/health/readiness")).isEqualTo(200);
    }

    @Test
    void theProcessedAgentWithoutTheSandboxUsesTheConfiguredEndpointsAndExposure() throws Exception {
        sandbox.start();
        assertThat(sandbox.post("/mounts?wait=120", SOLR).get("status").asText()).isEqualTo("succeeded");
        String volumeId = sandbox.get("/volumes?snapshotter=solr").get(0).get("volumeId").asText();

        // The "instance" is a second agent without the sandbox profile, pointed at the first one's EC2
        // and IMDS: it must start no sandbox of its own and see the first one's volume as attached.
        instance.startWithoutSandbox(
                "snaptastic.aws.ec2-endpoint=" + sandbox.ec2Endpoint(),
                "snaptastic.aws.imds-endpoint=" + sandbox.ec2Endpoint(),
                "snaptastic.host.device-dir=" + sandbox.stateDir().resolve("sandbox/dev"),
                "snaptastic.host.sysfs-root=" + sandbox.stateDir().resolve("sandbox/sys"),
                "management.endpoints.web.exposure.include=health,info,prometheus,loggers");

        assertThat(instance.log()).contains("Starting AOT-processed SnaptasticApplication").doesNotContain("sandbox: EC2 and IMDS on");
        assertThat(instance.managementStatus("/actuator/health/readiness")).isEqualTo(200);
        JsonNode volume = instance.get("/volumes?snapshotter=solr").get(0);
        assertThat(volume.get("volumeId").asText()).isEqualTo(volumeId);
        assertThat(volume.get("state").asText()).isEqualTo("attached");
        // The build made every actuator endpoint; the exposure chosen at run time decides what is served.
        assertThat(instance.managementStatus("/actuator/loggers")).isEqualTo(200);
        assertThat(instance.managementStatus("/actuator/env")).isEqualTo(404);
    }
}
