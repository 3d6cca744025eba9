package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import tools.jackson.databind.JsonNode;

/**
 * Restores of real filesystems over HTTP: an XFS snapshot the Python snaptastic took, and what a
 * failure after the mount leaves behind.
 */
@RequiresLoopDevices
class FilesystemRestoreTests {

    private static final ProcessHostExecutor HOST = new ProcessHostExecutor();
    private static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /**
     * The Python tool's way: an XFS volume frozen with xfs_freeze, one CreateSnapshot, thawed, then
     * seven tags with one CreateTags each. The agent, configured with its ext4 default and a larger
     * volume, restores it as XFS (blkid decides), replays the frozen log at the mount and grows it.
     */
    @Test
    void restoresAnXfsSnapshotThePythonSnaptasticTookAndGrowsIt() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(
                        "snaptastic.snapshotters.solr.volumes[0].size=2",
                        "snaptastic.snapshotters.seed.volumes[0].device=/dev/sdg",
                        "snaptastic.snapshotters.seed.volumes[0].mount-point=${root}/mnt/seed",
                        "snaptastic.snapshotters.seed.volumes[0].size=1",
                        "snaptastic.snapshotters.seed.volumes[0].file-system=xfs",
                        "e2e.cleanup-snapshotters=solr,seed");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            Path seedMount = agent.mountPoint("seed");
            Path solrMount = agent.mountPoint("solr");
            JsonNode made = agent.post("/mounts?wait=120", "{\"snapshotter\":\"seed\"}").json();
            assertThat(made.get("status").asText()).isEqualTo("succeeded");
            assertThat(fsType(seedMount)).isEqualTo("xfs");
            String volumeId = made.get("volumes").get(0).get("volumeId").asText();
            byte[] content = ("written by the Python tool's host " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            Files.write(seedMount.resolve("legacy.txt"), content);

            String snapshotId = pythonSnapshot(ec2, volumeId, seedMount, solrMount);
            await().atMost(Duration.ofSeconds(30)).until(() -> ec2.describeSnapshots(b -> b.snapshotIds(snapshotId))
                    .snapshots().get(0).state() == SnapshotState.COMPLETED);
            // The copy carries the original's XFS UUID, which the kernel mounts only once (xfs(5), nouuid).
            assertThat(agent.delete("/mounts/seed?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");

            JsonNode restored = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(restored.get("status").asText()).isEqualTo("succeeded");
            JsonNode volume = restored.get("volumes").get(0);
            assertThat(volume.get("snapshotId").asText()).isEqualTo(snapshotId);
            assertThat(volume.get("status").asText()).isEqualTo("done");
            assertThat(volume.has("warning")).as("xfs grows online without a warning").isFalse();
            assertThat(fsType(solrMount)).isEqualTo("xfs");
            assertThat(Files.readAllBytes(solrMount.resolve("legacy.txt"))).isEqualTo(content);
            assertThat(Files.getFileStore(solrMount).getTotalSpace()).as("grown to the 2 GiB volume").isGreaterThan(3L << 29);
        }
    }

    @Test
    void aRestoredXfsThatTheKernelRefusesIsKeptAttachedAndTaggedRetainedWithTheKernelsReason() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.volumes[0].file-system=xfs");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            Path mountPoint = agent.mountPoint("solr");
            agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}");
            Files.writeString(mountPoint.resolve("kept.txt"), "only copy");
            String snapshotId = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json()
                    .get("volumes").get(0).get("snapshotId").asText();
            agent.delete("/mounts/solr?wait=120&deleteVolumes=true");
            // Zeroes the first allocation group's AGI (sector 2): blkid still sees XFS, the mount reads
            // the root inode through it and fails with EFSCORRUPTED ("Structure needs cleaning").
            try (RandomAccessFile image = new RandomAccessFile(
                    agent.root().resolve("state/sandbox/snapshots/" + snapshotId + ".img").toFile(), "rw")) {
                image.seek(2 * 512);
                image.write(new byte[512]);
            }

            JsonNode mount = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(mount.get("status").asText()).isEqualTo("failed");
            JsonNode volume = mount.get("volumes").get(0);
            assertThat(volume.get("step").asText()).isEqualTo("mount");
            assertThat(volume.get("error").asText())
                    .startsWith("mount of the device at " + mountPoint + " failed: ")
                    .contains("Structure needs cleaning")
                    .endsWith("; the volume is kept attached and tagged snaptastic:retained=true, as it may hold the only"
                            + " copy of its data")
                    .doesNotContain("/dev/").doesNotContain(agent.root().resolve("state").toString());
            assertThat(AgentUnderTest.mounted(mountPoint)).isFalse();
            String volumeId = volume.get("volumeId").asText();
            software.amazon.awssdk.services.ec2.model.Volume kept = ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().get(0);
            assertThat(kept.stateAsString()).isEqualTo("in-use");
            assertThat(kept.tags()).contains(Tag.builder().key("snaptastic:retained").value("true").build());
        }
    }

    @Test
    void aFailedPostMountHookUndoesAnEmptyVolumeByUnmountingItBeforeTheDetach() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.snapshotters.solr.hooks.post-mount[0].argv=/bin/false");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            JsonNode mount = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(mount.get("status").asText()).isEqualTo("failed");
            JsonNode volume = mount.get("volumes").get(0);
            assertThat(volume.get("step").asText()).isEqualTo("post-mount-hook");
            assertThat(volume.get("error").asText()).isEqualTo("false failed with exit code 1; details are in the agent's log");
            assertThat(AgentUnderTest.mounted(agent.mountPoint("solr"))).isFalse();
            // Gone (NotFound by id), or on its way: the sandbox lists deleted volumes for a moment, as EC2 does.
            assertThat(ec2.describeVolumes(b -> b.filters(Filter.builder().name("tag:snaptastic:snapshotter").values("solr").build()))
                    .volumes()).allSatisfy(v -> assertThat(v.stateAsString()).isIn("deleting", "deleted"));
        }
    }

    @Test
    void anEmptyVolumeWhoseMountPointIsBusyAfterAFailedHookStaysAttachedAndMounted() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(
                        "snaptastic.snapshotters.solr.hooks.post-mount[0].argv=/bin/sh,-c,cd ${root}/mnt/solr && "
                                + "/bin/sleep 120 </dev/null >/dev/null 2>&1 & echo $! > ${root}/holder.pid; exit 3");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            try {
                JsonNode mount = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

                JsonNode volume = mount.get("volumes").get(0);
                assertThat(volume.get("status").asText()).isEqualTo("failed");
                assertThat(volume.get("error").asText()).isEqualTo("sh failed with exit code 3; details are in the agent's log; "
                        + agent.mountPoint("solr") + " could not be unmounted (busy), so the volume stays attached and mounted");
                assertThat(AgentUnderTest.mounted(agent.mountPoint("solr"))).isTrue();
                String volumeId = volume.get("volumeId").asText();
                assertThat(ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().get(0).stateAsString()).isEqualTo("in-use");
            } finally {
                Path pid = agent.root().resolve("holder.pid");
                if (Files.exists(pid)) {
                    HOST.execute(Command.of("kill", Files.readString(pid).strip()).withTimeout(Duration.ofSeconds(10)));
                }
            }
        }
    }

    @Test
    void aRestoredVolumeWhosePostMountHookFailsStaysMountedWithItsData() throws Exception {
        // The hook fails only where the marker is, so the empty volume mounts and the restored one does not.
        try (AgentUnderTest agent = AgentUnderTest.start(
                "snaptastic.snapshotters.solr.hooks.post-mount[0].argv=/bin/sh,-c,test ! -e ${root}/mnt/solr/marker")) {
            Path mountPoint = agent.mountPoint("solr");
            assertThat(agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json().get("status").asText())
                    .isEqualTo("succeeded");
            Files.writeString(mountPoint.resolve("marker"), "restored data");
            assertThat(agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json().get("status").asText())
                    .isEqualTo("succeeded");
            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");

            JsonNode again = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            JsonNode volume = again.get("volumes").get(0);
            assertThat(volume.get("status").asText()).isEqualTo("failed");
            assertThat(volume.get("step").asText()).isEqualTo("post-mount-hook");
            assertThat(volume.get("error").asText()).endsWith("; the volume stays mounted at " + mountPoint + ", as it holds restored data");
            assertThat(mountPoint.resolve("marker")).hasContent("restored data");
        }
    }

    /** CreateSnapshot of one volume between xfs_freeze -f and -u, then one CreateTags per tag, as snaptastic 0.2 did. */
    private static String pythonSnapshot(Ec2Client ec2, String volumeId, Path frozenMount, Path taggedMountPoint) {
        String snapshotId;
        HOST.run(Command.of("xfs_freeze", "-f", frozenMount.toString()).withTimeout(Duration.ofSeconds(30)));
        try {
            snapshotId = ec2.createSnapshot(b -> b.volumeId(volumeId)
                    .description(("solr snapshot of " + taggedMountPoint).replace('_', '-'))).snapshotId();
        } finally {
            HOST.run(Command.of("xfs_freeze", "-u", frozenMount.toString()).withTimeout(Duration.ofSeconds(30)));
        }
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("instance_id", "i-0sandbox000000001");
        tags.put("mount_point", taggedMountPoint.toString());
        tags.put("role", "solr");
        tags.put("cluster", "solr");
        tags.put("environment", "sandbox");
        tags.put("created", SEED_TIME.format(now));
        tags.put("expires", SEED_TIME.format(now.plusDays(7)));
        tags.forEach((key, value) -> ec2.createTags(b -> b.resources(snapshotId).tags(Tag.builder().key(key).value(value).build())));
        return snapshotId;
    }

    /** The filesystem type mounted at the path, from the kernel's mount table. */
    static String fsType(Path mountPoint) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(line -> line.split(" ")[4].equals(mountPoint.toString()))
                .map(line -> line.substring(line.indexOf(" - ") + 3).split(" ")[0])
                .reduce((first, last) -> last)
                .orElse("none");
    }
}
