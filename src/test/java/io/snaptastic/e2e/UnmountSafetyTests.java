package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import tools.jackson.databind.JsonNode;

/** An unmount touches only the filesystem on the snapshotter's own volume, against the sandbox on loop devices. */
@RequiresLoopDevices
class UnmountSafetyTests {

    private static final ProcessHostExecutor HOST = new ProcessHostExecutor();

    @Test
    void aFilesystemSomeoneElseMountedAtTheMountPointStaysMountedAndTheVolumeStays() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(); Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            Path mountPoint = agent.mountPoint("solr");
            JsonNode mounted = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            String volumeId = mounted.get("volumes").get(0).get("volumeId").asText();
            // An operator takes the mount point over by hand: the volume stays attached, a tmpfs sits there.
            HOST.run(Command.of("umount", "--", mountPoint.toString()).withTimeout(Duration.ofSeconds(30)));
            HOST.run(Command.of("mount", "-t", "tmpfs", "-o", "size=1m", "--", "tmpfs", mountPoint.toString())
                    .withTimeout(Duration.ofSeconds(30)));
            Files.writeString(mountPoint.resolve("theirs.txt"), "not the agent's");

            JsonNode unmount = agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json();

            JsonNode volume = unmount.get("volumes").get(0);
            assertThat(volume.get("status").asText()).isEqualTo("skipped");
            assertThat(volume.get("error").asText()).contains("is mounted from tmpfs");
            assertThat(AgentUnderTest.mounted(mountPoint)).isTrue();
            assertThat(Files.readString(mountPoint.resolve("theirs.txt"))).isEqualTo("not the agent's");
            assertThat(ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().get(0).stateAsString()).isEqualTo("in-use");

            // Once the operator's filesystem is gone, the same unmount does its work.
            HOST.run(Command.of("umount", "--", mountPoint.toString()).withTimeout(Duration.ofSeconds(30)));
            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");
            // A filter, not an id: EC2 answers an id that no longer exists with InvalidVolume.NotFound.
            assertThat(ec2.describeVolumes(b -> b.filters(Filter.builder().name("volume-id").values(volumeId).build()))
                    .volumes()).allSatisfy(v -> assertThat(v.stateAsString()).isIn("deleting", "deleted"));
        }
    }
}
