package io.snaptastic.e2e;

import static io.snaptastic.e2e.SandboxClient.state;
import static io.snaptastic.e2e.SandboxClient.tags;
import static io.snaptastic.e2e.SandboxClient.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * A managed volume left attached that no configured mount point uses any more (issue 15): the agent
 * killed, its filesystem unmounted by hand as a reboot leaves it, the agent started again with the
 * mount point configured elsewhere. The reaper keeps it, retained and detached; a mounted one stays.
 */
@RequiresLoopDevices
class UnconfiguredVolumeTests {

    @RegisterExtension
    final AgentProcess agent = AgentProcess.inTempDirectory("snaptastic-unconfigured");

    @Test
    void anAttachedVolumeNoConfiguredMountPointUsesIsRetainedAndDetachedAndAMountedOneIsLeft() throws Exception {
        Path pgMountPoint = agent.root().resolve("mnt/pg");
        agent.start("snaptastic.snapshotters.pg.volumes[0].device=/dev/sdg",
                "snaptastic.snapshotters.pg.volumes[0].mount-point=" + pgMountPoint,
                "snaptastic.snapshotters.pg.volumes[0].size=1");
        String solr = mounted("solr");
        String pg = mounted("pg");
        agent.kill();
        new ProcessHostExecutor().execute(Command.of("umount", agent.mountPoint().toString()).withTimeout(Duration.ofSeconds(30)));

        // solr's mount point moved, pg no longer configured: neither volume is used by a configured mount point.
        agent.start("snaptastic.snapshotters.solr.volumes[0].mount-point=" + agent.root().resolve("mnt/solr-elsewhere"),
                "snaptastic.reaper.interval=2s", "snaptastic.reaper.available-for=2s");

        try (Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> state(ec2, solr).equals("available"));
            Map<String, String> tags = tags(volume(ec2, solr).orElseThrow());
            assertThat(tags).containsEntry("snaptastic:retained", "true")
                    .containsEntry("snaptastic:retained-reason", "unconfigured");
            assertThat(Instant.parse(tags.get("snaptastic:retained-at"))).isBefore(Instant.now().plusSeconds(1));
            assertThat(agent.log()).contains("WARN").contains("Volume " + solr + " of solr on " + agent.mountPoint());
            // Two reaper passes and more past its threshold: retained, nothing deletes it.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() ->
                    state(ec2, solr).equals("available") && state(ec2, pg).equals("in-use"));
            assertThat(tags(volume(ec2, pg).orElseThrow())).as("a mounted volume is never touched")
                    .doesNotContainKey("snaptastic:retained");
            assertThat(AgentUnderTest.mounted(pgMountPoint)).isTrue();
        }
    }

    private String mounted(String snapshotter) {
        return agent.post("/mounts?wait=120", "{\"snapshotter\":\"" + snapshotter + "\"}").get("volumes").get(0)
                .get("volumeId").asText();
    }
}
