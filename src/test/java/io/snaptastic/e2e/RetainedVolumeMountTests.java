package io.snaptastic.e2e;

import static io.snaptastic.e2e.SandboxClient.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * A mount after an unmount that kept its volume (issue 15, "Also"): by default the newest snapshot is
 * restored and the volume's warning names the kept volume, which may hold newer writes; with
 * {@code prefer-retained} the kept volume itself is reattached, with those writes.
 */
@RequiresLoopDevices
class RetainedVolumeMountTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";
    static final String AFTER_THE_SNAPSHOT = "after-the-snapshot.txt";

    @Test
    void aMountAfterAKeptUnmountRestoresTheSnapshotAndWarnsOfTheNewerKeptVolume() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(); Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            String snapshotId = mountSnapshotWriteAndKeep(agent);
            String keptId = managed(ec2).get(0).volumeId();

            JsonNode volume = mounted(agent);

            assertThat(volume.get("snapshotId").asText()).isEqualTo(snapshotId);
            assertThat(volume.get("volumeId").asText()).isNotEqualTo(keptId);
            assertThat(volume.path("warning").asText())
                    .contains("volume " + keptId + " was kept by an unmount at", "after snapshot " + snapshotId,
                            "prefer-retained: true");
            assertThat(agent.mountPoint("solr").resolve(AFTER_THE_SNAPSHOT)).as("the snapshot has no such file").doesNotExist();
        }
    }

    @Test
    void withPreferRetainedAMountReattachesTheKeptVolumeWithItsNewerWrites() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.prefer-retained=true");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            mountSnapshotWriteAndKeep(agent);
            String keptId = managed(ec2).get(0).volumeId();

            JsonNode volume = mounted(agent);

            assertThat(volume.get("volumeId").asText()).isEqualTo(keptId);
            assertThat(volume.has("snapshotId")).as("nothing restored").isFalse();
            assertThat(volume.path("warning").asText()).contains("reattached " + keptId);
            assertThat(Files.readString(agent.mountPoint("solr").resolve(AFTER_THE_SNAPSHOT))).isEqualTo("only on the volume");
            assertThat(managed(ec2)).as("no volume made from the snapshot").singleElement().satisfies(v -> {
                assertThat(v.volumeId()).isEqualTo(keptId);
                assertThat(v.stateAsString()).isEqualTo("in-use");
                assertThat(tags(v)).containsEntry("snaptastic:retained", "false");
            });
        }
    }

    @Test
    void aKeptVolumeThatFailsItsCheckIsDetachedAndKeptAndTheSnapshotIsNotRestoredInItsPlace() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.prefer-retained=true");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            mountSnapshotWriteAndKeep(agent);
            String keptId = managed(ec2).get(0).volumeId();
            // The ext4 superblock (1024 bytes at offset 1024) wiped: blkid finds no filesystem on the disk.
            try (java.nio.channels.FileChannel image = java.nio.channels.FileChannel.open(
                    agent.root().resolve("state/sandbox/volumes/" + keptId + ".img"), java.nio.file.StandardOpenOption.WRITE)) {
                image.write(java.nio.ByteBuffer.allocate(1024), 1024);
            }

            JsonNode mount = agent.post("/mounts?wait=120", SOLR).json();

            assertThat(mount.get("status").asText()).isEqualTo("failed");
            JsonNode volume = mount.get("volumes").get(0);
            assertThat(volume.get("volumeId").asText()).isEqualTo(keptId);
            assertThat(volume.has("snapshotId")).isFalse();
            assertThat(volume.get("error").asText()).contains("the retained volume " + keptId, "no filesystem",
                    "stays tagged snaptastic:retained=true", "prefer-retained=false");
            assertThat(managed(ec2)).as("nothing restored in its place").singleElement().satisfies(v -> {
                assertThat(v.stateAsString()).isEqualTo("available");
                assertThat(tags(v)).containsEntry("snaptastic:retained", "true");
            });
            assertThat(AgentUnderTest.mounted(agent.mountPoint("solr"))).isFalse();
        }
    }

    /** Mounts, snapshots, writes a file only the volume has, unmounts keeping the volume; the snapshot's id. */
    private static String mountSnapshotWriteAndKeep(AgentUnderTest agent) throws Exception {
        assertThat(agent.post("/mounts?wait=120", SOLR).json().get("status").asText()).isEqualTo("succeeded");
        JsonNode snapshot = agent.post("/snapshots?wait=120", SOLR).json();
        assertThat(snapshot.get("status").asText()).isEqualTo("succeeded");
        Path file = agent.mountPoint("solr").resolve(AFTER_THE_SNAPSHOT);
        Files.writeString(file, "only on the volume");
        JsonNode unmount = agent.delete("/mounts/solr?wait=120").json();
        assertThat(unmount.get("status").asText()).isEqualTo("succeeded");
        return snapshot.get("volumes").get(0).get("snapshotId").asText();
    }

    private static JsonNode mounted(AgentUnderTest agent) {
        JsonNode mount = agent.post("/mounts?wait=120", SOLR).json();
        assertThat(mount.get("status").asText()).as(mount.toString()).isEqualTo("succeeded");
        return mount.get("volumes").get(0);
    }

    private static List<Volume> managed(Ec2Client ec2) {
        return ec2.describeVolumes(b -> b.filters(Filter.builder().name("tag:snaptastic:managed").values("true").build(),
                Filter.builder().name("status").values("available", "in-use", "creating").build())).volumes();
    }
}
