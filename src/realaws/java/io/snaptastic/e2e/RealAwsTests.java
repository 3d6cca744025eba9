package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import tools.jackson.databind.JsonNode;

/**
 * The seed tutorial and the checks on a real EC2 instance, against a real agent (no sandbox) with the
 * instance's role: real EBS volumes, snapshots, attachments and NVMe devices. Opt-in: {@code ./mvnw -Preal-aws
 * verify}, see docs/real-aws.md. Everything it makes is tagged {@code snaptastic:test-run=<id>} and removed at
 * the end by that tag, also when a test fails.
 */
@RequiresRealAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealAwsTests {

    // Fresh snapshots of a 1 GiB volume usually complete within minutes; EBS gives no bound.
    private static final Duration SNAPSHOT_COMPLETES = Duration.ofMinutes(30);
    private static final String WAIT = "?wait=600";

    private Path root;
    private TestRun run;
    private UserdataImds imds;
    private AgentProcess agent;

    @BeforeAll
    void startTheAgent() throws Exception {
        // Not @TempDir: the release below unmounts and deletes it, mounts first.
        root = Files.createTempDirectory("snaptastic-real-aws").toRealPath();
        run = new TestRun();
        imds = new UserdataImds(run.userdata());
        List<String> devices = run.freeDevices(2);
        agent = new AgentProcess(root);
        List<String> properties = new java.util.ArrayList<>();
        properties.add("snaptastic.aws.imds-endpoint=" + imds.endpoint());
        properties.addAll(snapshotter("ext4", devices.get(0)));
        properties.addAll(snapshotter("xfs", devices.get(1)));
        agent.startOnInstance(properties.toArray(String[]::new));
    }

    @AfterAll
    void removeEverythingTheRunMade() throws Exception {
        try {
            if (agent != null) {
                for (String name : List.of("rt-ext4", "rt-xfs")) {
                    try {
                        agent.delete("/mounts/" + name + "?deleteVolumes=true&wait=600");
                    } catch (RuntimeException e) {
                        // The agent may be gone; the tag-based cleanup below still removes what it made.
                    }
                }
                try {
                    agent.stop(Duration.ofMinutes(2));
                } catch (IllegalStateException e) {
                    agent.kill();
                }
            }
        } finally {
            try {
                if (root != null) {
                    AgentUnderTest.release(root);
                }
            } finally {
                if (imds != null) {
                    imds.close();
                }
                if (run != null) {
                    run.close();
                }
            }
        }
    }

    @Test
    void theTutorialKeepsAFileAcrossUnmountAndMountOnExt4() throws Exception {
        tutorial("rt-ext4", root.resolve("mnt/ext4"));
    }

    @Test
    void theTutorialKeepsAFileAcrossUnmountAndMountOnXfs() throws Exception {
        tutorial("rt-xfs", root.resolve("mnt/xfs"));
    }

    @Test
    void restoresASnapshotMadeTheWayThePythonSnaptasticDid() throws Exception {
        Path mountPoint = root.resolve("mnt/ext4");
        JsonNode mounted = agent.post("/mounts" + WAIT, "{\"snapshotter\":\"rt-ext4\"}");
        assertSucceeded(mounted);
        String content = write(mountPoint, "legacy.txt");
        String volumeId = mounted.get("volumes").get(0).get("volumeId").asText();
        // CreateSnapshot and the seed's seven tags (SEED-BEHAVIOUR.md), plus the run's tag so the cleanup finds it.
        String legacy = run.ec2.createSnapshot(b -> b.volumeId(volumeId).description(run.id + " snapshot of " + mountPoint)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(
                        tag("instance_id", run.instanceId), tag("mount_point", mountPoint.toString()),
                        tag("role", "snaptastic-real-aws"), tag("cluster", run.id), tag("environment", "test"),
                        tag("created", "2014-03-07 11:22:33.123456"), tag("expires", "2014-03-14 11:22:33.123456"),
                        tag(TestRun.TAG, run.id)).build())).snapshotId();
        run.awaitCompleted(legacy, SNAPSHOT_COMPLETES);
        assertSucceeded(agent.delete("/mounts/rt-ext4?deleteVolumes=true&wait=600"));

        JsonNode restored = agent.post("/mounts" + WAIT, "{\"snapshotter\":\"rt-ext4\"}");

        assertSucceeded(restored);
        assertThat(restored.get("volumes").get(0).get("snapshotId").asText()).isEqualTo(legacy);
        assertThat(Files.readString(mountPoint.resolve("legacy.txt"))).isEqualTo(content);
        assertSucceeded(agent.delete("/mounts/rt-ext4?deleteVolumes=true&wait=600"));
    }

    /**
     * Assumes the instance role carries the least-privilege policy of docs/iam-policy.md, which names the probes
     * that policy may fail although the real calls are allowed (placeholder ids cannot match tag conditions).
     */
    @Test
    void theChecksPassUnderTheLeastPrivilegePolicy() {
        Set<String> knownGap = Set.of("ec2:CreateTags", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume",
                "ec2:DeleteSnapshot");

        JsonNode checks = agent.get("/checks");

        assertThat(checks.get("items")).isNotEmpty().allSatisfy(item -> {
            if (!knownGap.contains(item.get("name").asText())) {
                assertThat(item.get("ok").asBoolean()).as(item.toString()).isTrue();
            }
        });
    }

    private void tutorial(String snapshotter, Path mountPoint) throws Exception {
        assertSucceeded(agent.post("/mounts" + WAIT, "{\"snapshotter\":\"" + snapshotter + "\"}"));
        String content = write(mountPoint, "tutorial.txt");
        JsonNode snapshot = agent.post("/snapshots" + WAIT, "{\"snapshotter\":\"" + snapshotter + "\"}");
        assertSucceeded(snapshot);
        run.awaitCompleted(snapshot.get("volumes").get(0).get("snapshotId").asText(), SNAPSHOT_COMPLETES);
        assertSucceeded(agent.delete("/mounts/" + snapshotter + "?deleteVolumes=true&wait=600"));
        assertThat(AgentUnderTest.mounted(mountPoint)).isFalse();

        JsonNode again = agent.post("/mounts" + WAIT, "{\"snapshotter\":\"" + snapshotter + "\"}");

        assertSucceeded(again);
        assertThat(again.get("volumes").get(0).get("snapshotId").asText())
                .isEqualTo(snapshot.get("volumes").get(0).get("snapshotId").asText());
        assertThat(Files.readString(mountPoint.resolve("tutorial.txt"))).isEqualTo(content);
        assertSucceeded(agent.delete("/mounts/" + snapshotter + "?deleteVolumes=true&wait=600"));
    }

    /** A snapshotter rt-NAME with one 1 GiB gp3 volume of file system NAME, selected by the run's tags too. */
    private List<String> snapshotter(String fileSystem, String device) {
        String at = "snaptastic.snapshotters.rt-" + fileSystem + ".";
        return List.of(at + "filter-tags=role,cluster,environment," + TestRun.TAG,
                at + "volumes[0].device=" + device,
                at + "volumes[0].mount-point=" + root.resolve("mnt/" + fileSystem),
                at + "volumes[0].size=1",
                at + "volumes[0].file-system=" + fileSystem);
    }

    private static String write(Path mountPoint, String file) throws Exception {
        String content = "real-aws " + UUID.randomUUID();
        Files.writeString(mountPoint.resolve(file), content);
        new ProcessHostExecutor().run(Command.of("sync", "-f", mountPoint.toString()));
        return content;
    }

    private static void assertSucceeded(JsonNode operation) {
        assertThat(operation.get("status").asText()).as(operation.toString()).isEqualTo("succeeded");
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
