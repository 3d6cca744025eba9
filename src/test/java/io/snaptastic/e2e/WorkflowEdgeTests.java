package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;

/** The mount and snapshot workflows' promises, kept against the sandbox with real loop devices. */
@RequiresLoopDevices
class WorkflowEdgeTests {

    @Test
    void snapshotsTwoVolumesInOneCreateSnapshotsCall() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(
                "snaptastic.snapshotters.pair.volumes[0].device=/dev/sdg",
                "snaptastic.snapshotters.pair.volumes[0].mount-point=${root}/mnt/a",
                "snaptastic.snapshotters.pair.volumes[0].size=1",
                "snaptastic.snapshotters.pair.volumes[1].device=/dev/sdh",
                "snaptastic.snapshotters.pair.volumes[1].mount-point=${root}/mnt/b",
                "snaptastic.snapshotters.pair.volumes[1].size=1",
                "e2e.cleanup-snapshotters=solr,pair")) {
            assertThat(agent.post("/mounts?wait=120", "{\"snapshotter\":\"pair\"}").json().get("status").asText())
                    .isEqualTo("succeeded");

            JsonNode snapshot = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"pair\"}").json();

            assertThat(snapshot.get("status").asText()).isEqualTo("succeeded");
            JsonNode volumes = snapshot.get("volumes");
            assertThat(volumes.get(0).get("freezeMillis").asLong()).isEqualTo(volumes.get(1).get("freezeMillis").asLong());
            JsonNode listed = agent.get("/snapshots?snapshotter=pair").json();
            // One CreateSnapshots call gives every snapshot the one description naming all mount points;
            // per-volume calls would each name their own.
            String both = "solr snapshot of " + agent.mountPoint("a") + ", " + agent.mountPoint("b");
            assertThat(listed).hasSize(2).allSatisfy(mount -> {
                assertThat(mount.get("snapshots")).hasSize(1);
                assertThat(mount.get("snapshots").get(0).get("description").asText()).isEqualTo(both);
            });
            assertThat(listed.get(0).get("snapshots").get(0).get("tags").get("mount_point").asText())
                    .isEqualTo(agent.mountPoint("a").toString());
            assertThat(listed.get(1).get("snapshots").get(0).get("tags").get("mount_point").asText())
                    .isEqualTo(agent.mountPoint("b").toString());
        }
    }

    @Test
    void restoresASnapshotThePythonSnaptasticTagged() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(); Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            Path mountPoint = agent.mountPoint("solr");
            JsonNode mounted = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();
            String volumeId = mounted.get("volumes").get(0).get("volumeId").asText();
            byte[] content = ("legacy " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            Files.write(mountPoint.resolve("legacy.txt"), content);
            new io.snaptastic.host.ProcessHostExecutor().run(io.snaptastic.host.Command.of("sync", "-f", mountPoint.toString()));
            // The seed's tags, and only those: no snaptastic:* keys, its timestamp format.
            String legacyId = ec2.createSnapshot(b -> b.volumeId(volumeId).description("solr snapshot of " + mountPoint)
                            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(
                                    tag("role", "solr"), tag("cluster", "solr"), tag("environment", "sandbox"),
                                    tag("mount_point", mountPoint.toString()), tag("instance_id", "i-0sandbox000000001"),
                                    tag("created", "2014-03-07 11:22:33.123456"), tag("expires", "2014-03-14 11:22:33.123456"))
                                    .build()))
                    .snapshotId();
            await().atMost(Duration.ofSeconds(30)).until(() -> ec2.describeSnapshots(b -> b.snapshotIds(legacyId))
                    .snapshots().get(0).state() == SnapshotState.COMPLETED);
            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");

            JsonNode restored = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(restored.get("status").asText()).isEqualTo("succeeded");
            assertThat(restored.get("volumes").get(0).get("snapshotId").asText()).isEqualTo(legacyId);
            assertThat(Files.readAllBytes(mountPoint.resolve("legacy.txt"))).isEqualTo(content);
        }
    }

    @Test
    void aFailedAttachLeavesNoVolumeBehind() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start(
                        "snaptastic.sandbox.faults.attach-never-completes=true", "snaptastic.timeouts.attached=2s");
                Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            JsonNode mount = agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(mount.get("status").asText()).isEqualTo("failed");
            JsonNode volume = mount.get("volumes").get(0);
            assertThat(volume.get("status").asText()).isEqualTo("failed");
            assertThat(volume.get("step").asText()).isEqualTo("await-attached");
            assertThat(volume.get("volumeId").asText()).startsWith("vol-");
            List<Volume> left = ec2.describeVolumes(b -> b.filters(
                    Filter.builder().name("tag:snaptastic:snapshotter").values("solr").build())).volumes();
            assertThat(left).as("volumes the failed mount created").allSatisfy(v -> assertThat(v.stateAsString())
                    .isIn("deleting", "deleted"));
            assertThat(AgentUnderTest.mounted(agent.mountPoint("solr"))).isFalse();
        }
    }

    @Test
    void aFilesystemIsNeverLeftFrozenWhenTheSnapshotCallKeepsFailing() throws Exception {
        // One snapshot per volume, never refilled: the second make-snapshots is refused on every attempt,
        // and the agent gives up once it has waited 3 s in all.
        try (AgentUnderTest agent = AgentUnderTest.start(
                "snaptastic.sandbox.faults.snapshots-per-volume.capacity=1",
                "snaptastic.sandbox.faults.snapshots-per-volume.refill-per-second=0",
                "snaptastic.snapshots.max-rate-wait=3s")) {
            Path mountPoint = agent.mountPoint("solr");
            agent.post("/mounts?wait=120", "{\"snapshotter\":\"solr\"}");
            assertThat(agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json().get("status").asText())
                    .isEqualTo("succeeded");

            JsonNode failed = agent.post("/snapshots?wait=120", "{\"snapshotter\":\"solr\"}").json();

            assertThat(failed.get("status").asText()).isEqualTo("failed");
            assertThat(failed.get("error").get("detail").asText()).contains("create-snapshot");
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                try {
                    Files.writeString(mountPoint.resolve("after.txt"), "writable");
                    new io.snaptastic.host.ProcessHostExecutor().run(io.snaptastic.host.Command.of("sync", "-f", mountPoint.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            write.get(10, TimeUnit.SECONDS);
            Path records = agent.root().resolve("state/frozen");
            try (Stream<Path> left = Files.isDirectory(records) ? Files.list(records) : Stream.empty()) {
                assertThat(left).as("freeze records left behind").isEmpty();
            }
        }
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
