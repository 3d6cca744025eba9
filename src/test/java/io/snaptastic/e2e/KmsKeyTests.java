package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * A KMS key the role may not use: EC2 accepts the CreateVolume and then removes the volume while it is
 * creating (the sandbox's kms-denied-key-ids fault does the same). The mount must say so at once.
 */
@RequiresLoopDevices
class KmsKeyTests {

    @Test
    void aMountWithAKeyTheRoleMayNotUseFailsWithinSecondsNamingTheKeyAndItsPermissions() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(
                        "snaptastic.snapshotters.solr.volumes[0].kms-key-id=alias/forbidden",
                        "snaptastic.sandbox.faults.kms-denied-key-ids=alias/forbidden");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            long started = System.nanoTime();
            JsonNode mount = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(mount.get("status").asText()).isEqualTo("failed");
            // The volume-available timeout is 5 minutes; the answer must not wait for it.
            assertThat(took).isLessThan(Duration.ofSeconds(30));
            JsonNode volume = mount.get("volumes").get(0);
            assertThat(volume.get("step").asText()).isEqualTo("await-available");
            assertThat(volume.get("error").asText())
                    .contains("'alias/forbidden'", "kms:CreateGrant", "kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt",
                            "kms:DescribeKey");
            assertThat(mount.get("error").get("detail").asText()).contains("alias/forbidden");
            assertNothingLeft(agent, ec2);
        }
    }

    @Test
    void namesTheAccountsDefaultKeyWhenNoKeyIsConfigured() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.sandbox.faults.kms-denied-key-ids=default");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            JsonNode mount = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(mount.get("status").asText()).isEqualTo("failed");
            assertThat(mount.get("volumes").get(0).get("error").asText())
                    .contains("the account's default EBS key", "kms:CreateGrant");
            assertNothingLeft(agent, ec2);
        }
    }

    private static void assertNothingLeft(AgentUnderTest agent, Ec2Client ec2) throws Exception {
        List<Volume> left = ec2.describeVolumes(b -> b.filters(
                Filter.builder().name("tag:snaptastic:snapshotter").values("solr").build())).volumes();
        assertThat(left).as("volumes the failed mount left").isEmpty();
        assertThat(AgentUnderTest.mounted(agent.mountPoint("solr"))).isFalse();
    }
}
