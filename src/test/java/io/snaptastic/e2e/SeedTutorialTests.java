package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The seed README's tutorial, over HTTP against the agent in sandbox mode with real loop devices:
 * mount, write a file, snapshot, unmount, mount again, and the file is back.
 */
@RequiresLoopDevices
class SeedTutorialTests {

    /** On xfs, the Python tool's default, the snapshot is of a frozen XFS, whose dirty log the mount replays. */
    @ParameterizedTest
    @ValueSource(strings = {"ext4", "xfs"})
    void aFileWrittenBeforeTheSnapshotIsBackAfterUnmountAndMount(String fileSystem) throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.volumes[0].file-system=" + fileSystem)) {
            Path mountPoint = agent.mountPoint("solr");

            JsonNode first = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            assertThat(first.get("status").asText()).isEqualTo("succeeded");
            assertThat(first.get("volumes").get(0).get("status").asText()).isEqualTo("done");
            assertThat(first.get("volumes").get(0).has("snapshotId")).as("no snapshot yet: a fresh volume").isFalse();
            assertThat(FilesystemRestoreTests.fsType(mountPoint)).isEqualTo(fileSystem);

            byte[] content = ("hello world " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            Files.write(mountPoint.resolve("helloworld"), content);

            JsonNode snapshot = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json();
            assertThat(snapshot.get("status").asText()).isEqualTo("succeeded");
            String snapshotId = snapshot.get("volumes").get(0).get("snapshotId").asText();
            assertThat(snapshotId).startsWith("snap-");
            assertThat(snapshot.get("volumes").get(0).get("freezeMillis").asLong()).isNotNegative();

            JsonNode unmount = agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json();
            assertThat(unmount.get("status").asText()).isEqualTo("succeeded");
            assertThat(AgentUnderTest.mounted(mountPoint)).isFalse();
            assertThat(mountPoint.resolve("helloworld")).doesNotExist();

            JsonNode again = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            assertThat(again.get("status").asText()).isEqualTo("succeeded");
            assertThat(again.get("volumes").get(0).get("snapshotId").asText()).isEqualTo(snapshotId);
            assertThat(again.get("volumes").get(0).get("status").asText()).isEqualTo("done");
            assertThat(FilesystemRestoreTests.fsType(mountPoint)).isEqualTo(fileSystem);
            assertThat(sha256(Files.readAllBytes(mountPoint.resolve("helloworld")))).isEqualTo(sha256(content));

            JsonNode volumes = agent.get("/volumes?snapshotter=solr").json();
            assertThat(volumes.get(0).get("mounted").asBoolean()).isTrue();
            assertThat(volumes.get(0).get("state").asText()).isEqualTo("attached");
            // The 1 GiB filesystem as statvfs sees it, with the file written above counted as used.
            JsonNode usage = volumes.get(0).get("usage");
            assertThat(usage.get("totalBytes").asLong()).isBetween(800L << 20, 1L << 30);
            assertThat(usage.get("usedBytes").asLong()).isGreaterThanOrEqualTo(content.length);
            assertThat(usage.get("availableBytes").asLong()).isLessThan(usage.get("totalBytes").asLong() - usage.get("usedBytes").asLong() + 1);
            assertThat(usage.get("usedPercent").asInt()).isBetween(0, 100);
        }
    }

    @Test
    void mountingTwiceReportsTheVolumeAlreadyMountedAndCreatesNothing() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start()) {
            JsonNode first = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            String volumeId = first.get("volumes").get(0).get("volumeId").asText();

            JsonNode second = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(second.get("status").asText()).isEqualTo("succeeded");
            assertThat(second.get("volumes").get(0).get("status").asText()).isEqualTo("already-mounted");
            assertThat(second.get("volumes").get(0).get("volumeId").asText()).isEqualTo(volumeId);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
