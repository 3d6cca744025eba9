package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.config.PlatformDefaults.StaticCredentials;
import io.snaptastic.instance.InstanceIdentity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The EC2 conformance suite: what a user of the agent observes of EC2, asserted through the same
 * {@link SdkEc2} and client settings the agent uses, against any EC2-compatible endpoint. A subclass
 * names the endpoint and an instance to attach volumes to; every assertion must hold for real EC2
 * too, so the suite waits for states (never assumes an intermediate one) and cleans up after itself.
 * Where an emulator legitimately lacks a feature, its subclass says so through the capability hooks
 * and the test is skipped with that reason. Subclasses live in this package (the suite builds the
 * adapter through its package-private settings) and start their endpoint in a non-static
 * {@code @BeforeAll}: the suite runs with one test instance per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class Ec2ContractTests {

    /** Small, so a handful of snapshots already spans several pages. */
    protected static final int PAGE_SIZE = 5;

    protected static final Duration WAIT = Duration.ofSeconds(120);

    /** The EC2-compatible endpoint under test. */
    protected abstract URI endpoint();

    /** An instance of that endpoint, running, that the suite may attach volumes to. */
    protected abstract String instanceId();

    protected String region() {
        return "us-east-1";
    }

    protected StaticCredentials credentials() {
        return new StaticCredentials("snaptastic-test", "snaptastic-test-secret");
    }

    /** Whether CreateVolume's ClientToken makes a repeated call return the first volume. */
    protected boolean honoursClientToken() {
        return true;
    }

    /** Whether CreateSnapshots leaves out the volumes in ExcludeDataVolumeIds. */
    protected boolean honoursSnapshotExclusions() {
        return true;
    }

    protected Ec2 ec2;
    /** The SDK client without the adapter, for what the adapter never sends (two filters of one name). */
    private Ec2Client raw;
    /** Tags every resource of one test, so filters see only that test's own. */
    private String run;
    private final List<String> volumes = new ArrayList<>();
    private final List<String> snapshots = new ArrayList<>();
    private String zone;

    @BeforeEach
    void connect() {
        run = UUID.randomUUID().toString();
        if (ec2 == null) {
            Ec2ClientSettings settings =
                    new Ec2ClientSettings(endpoint(), this::region, credentials(), Duration.ofSeconds(30), Duration.ofSeconds(2));
            ec2 = Ec2Configuration.sdkEc2(settings, new TestIdentity(), PAGE_SIZE);
            raw = settings.build();
            zone = ec2.describeInstance(instanceId()).availabilityZone();
        }
    }

    @AfterAll
    void disconnect() {
        if (ec2 instanceof SdkEc2 sdk) {
            sdk.close();
        }
        if (raw != null) {
            raw.close();
        }
    }

    /** Best effort, resource by resource, so one failure neither hides the test's own nor leaks the rest. */
    @AfterEach
    void cleanUp() {
        for (String snapshotId : snapshots) {
            quietly(() -> ec2.findSnapshot(snapshotId).ifPresent(s -> ec2.deleteSnapshot(snapshotId)));
        }
        for (String volumeId : volumes) {
            quietly(() -> ec2.findVolume(volumeId)
                    .filter(v -> !Set.of("deleting", "deleted").contains(v.state()))
                    .ifPresent(volume -> {
                        for (Volume.Attachment a : volume.attachments()) {
                            ec2.detachVolume(volumeId, a.instanceId(), a.device(), true);
                            ec2.awaitDetached(volumeId, WAIT);
                        }
                        ec2.deleteVolume(volumeId);
                    }));
        }
        volumes.clear();
        snapshots.clear();
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (Ec2Exception e) {
            System.err.println("clean-up failed: " + e.getMessage());
        }
    }

    @Test
    void createsAVolumeTaggedInTheCreateCall() {
        Volume created = ec2.createVolume(newVolume(Map.of("run", run, "role", "solr"), token()));
        volumes.add(created.id());

        assertThat(created.id()).startsWith("vol-");
        assertThat(created.tags()).containsEntry("run", run).containsEntry("role", "solr");
        Volume available = ec2.awaitVolumeAvailable(created.id(), WAIT);
        assertThat(available.state()).isEqualTo("available");
        assertThat(available.sizeGib()).isEqualTo(1);
        assertThat(available.type()).isEqualTo("gp3");
        assertThat(available.availabilityZone()).isEqualTo(zone);
        assertThat(available.attachments()).isEmpty();
        assertThat(ec2.findVolume(created.id())).get().extracting(Volume::tags).isEqualTo(available.tags());
    }

    @Test
    void createsOneVolumeForTwoCallsWithTheSameClientToken() {
        assumeThat(honoursClientToken()).as("the endpoint ignores CreateVolume's ClientToken").isTrue();
        String token = token();
        Volume first = ec2.createVolume(newVolume(Map.of("run", run), token));
        volumes.add(first.id());
        Volume second = ec2.createVolume(newVolume(Map.of("run", run), token));
        volumes.add(second.id());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(ec2.describeVolumes(Map.of("tag:run", List.of(run)))).hasSize(1);
    }

    @Test
    void describesVolumesMatchingEveryTagFilterAndWildcards() {
        String solrMain = created(Map.of("run", run, "role", "solr-main", "cluster", "a"));
        String solrReplica = created(Map.of("run", run, "role", "solr-replica", "cluster", "b"));
        String postgres = created(Map.of("run", run, "role", "postgres", "cluster", "a"));

        assertThat(ids(ec2.describeVolumes(Map.of("tag:run", List.of(run)))))
                .containsExactlyInAnyOrder(solrMain, solrReplica, postgres);
        assertThat(ids(ec2.describeVolumes(Map.of("tag:run", List.of(run), "tag:cluster", List.of("a")))))
                .containsExactlyInAnyOrder(solrMain, postgres);
        assertThat(ids(ec2.describeVolumes(Map.of("tag:run", List.of(run), "tag:role", List.of("solr-*")))))
                .containsExactlyInAnyOrder(solrMain, solrReplica);
        assertThat(ids(ec2.describeVolumes(
                        Map.of("tag:run", List.of(run), "tag:role", List.of("postgres", "solr-main")))))
                .containsExactlyInAnyOrder(solrMain, postgres);
        assertThat(ec2.describeVolumes(Map.of("tag:run", List.of(run), "tag:role", List.of("cassandra"))))
                .isEmpty();
    }

    @Test
    void attachesAVolumeThatTheInstanceThenShowsAndDetachesIt() {
        String volumeId = created(Map.of("run", run));
        String device = "/dev/sdk";

        ec2.attachVolume(volumeId, instanceId(), device);
        Volume attached = ec2.awaitAttached(volumeId, instanceId(), WAIT, WAIT);

        assertThat(attached.attachments())
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.instanceId()).isEqualTo(instanceId());
                    assertThat(a.device()).isEqualTo(device);
                    assertThat(a.state()).isEqualTo("attached");
                });
        assertThat(ec2.describeInstance(instanceId()).at(device))
                .get()
                .extracting(Instance.BlockDevice::volumeId)
                .isEqualTo(volumeId);

        ec2.detachVolume(volumeId, instanceId(), device, false);
        ec2.awaitDetached(volumeId, WAIT);

        assertThat(ec2.awaitVolumeAvailable(volumeId, WAIT).attachments()).isEmpty();
        assertThat(ec2.describeInstance(instanceId()).at(device)).isEmpty();
    }

    @Test
    void setsDeleteOnTerminationOfAnAttachedVolume() {
        String volumeId = created(Map.of("run", run));
        String device = "/dev/sdl";
        ec2.attachVolume(volumeId, instanceId(), device);
        ec2.awaitAttached(volumeId, instanceId(), WAIT, WAIT);

        ec2.setDeleteOnTermination(instanceId(), volumeId, true);
        assertThat(ec2.describeInstance(instanceId()).at(device))
                .get()
                .extracting(Instance.BlockDevice::deleteOnTermination)
                .isEqualTo(true);

        ec2.setDeleteOnTermination(instanceId(), volumeId, false);
        assertThat(ec2.describeInstance(instanceId()).at(device))
                .get()
                .extracting(Instance.BlockDevice::deleteOnTermination)
                .isEqualTo(false);
    }

    @Test
    void deletesAVolume() {
        String volumeId = created(Map.of("run", run));

        ec2.deleteVolume(volumeId);

        // EC2 shows a deleted volume for a while, in state deleting or deleted, and is eventually consistent.
        await().atMost(WAIT).until(() -> ec2.findVolume(volumeId)
                .map(v -> Set.of("deleting", "deleted").contains(v.state()))
                .orElse(true));
        assertThat(ids(ec2.describeVolumes(Map.of("tag:run", List.of(run), "status", List.of("available")))))
                .doesNotContain(volumeId);
    }

    @Test
    void answersNotFoundForIdsThatDoNotExist() {
        String volumeId = "vol-0123456789abcdef0";
        String snapshotId = "snap-0123456789abcdef0";
        String instance = "i-0123456789abcdef0";

        assertThat(ec2.findVolume(volumeId)).isEmpty();
        assertThat(ec2.findSnapshot(snapshotId)).isEmpty();
        assertThatThrownBy(() -> ec2.deleteVolume(volumeId))
                .isInstanceOf(Ec2Exception.NotFound.class)
                .extracting(e -> ((Ec2Exception) e).awsCode())
                .isEqualTo("InvalidVolume.NotFound");
        assertThatThrownBy(() -> ec2.deleteSnapshot(snapshotId))
                .isInstanceOf(Ec2Exception.NotFound.class)
                .extracting(e -> ((Ec2Exception) e).awsCode())
                .isEqualTo("InvalidSnapshot.NotFound");
        assertThatThrownBy(() -> ec2.describeInstance(instance))
                .isInstanceOf(Ec2Exception.NotFound.class);
        assertThatThrownBy(() -> ec2.attachVolume(volumeId, instanceId(), "/dev/sdm"))
                .isInstanceOf(Ec2Exception.NotFound.class);
        assertThatThrownBy(() -> ec2.createSnapshot(volumeId, "nothing", Map.of()))
                .isInstanceOf(Ec2Exception.NotFound.class);
    }

    @Test
    void failsAWaitThatRunsPastItsDeadline() {
        String volumeId = created(Map.of("run", run));

        assertThatThrownBy(() -> ec2.awaitAttached(volumeId, instanceId(), Duration.ofMillis(500), WAIT))
                .isInstanceOf(Ec2Exception.WaitFailed.class)
                .hasMessageContaining(volumeId);
    }

    @Test
    void snapshotsOneVolumeWithTagsAndDescription() {
        String volumeId = created(Map.of("run", run));

        Snapshot snapshot = ec2.createSnapshot(volumeId, "solr snapshot of /mnt/solr", Map.of("run", run, "mount_point", "/mnt/solr"));
        snapshots.add(snapshot.id());

        assertThat(snapshot.id()).startsWith("snap-");
        assertThat(snapshot.volumeId()).isEqualTo(volumeId);
        Snapshot completed = ec2.awaitSnapshotCompleted(snapshot.id(), WAIT);
        assertThat(completed.state()).isEqualTo(Snapshot.COMPLETED);
        assertThat(completed.volumeId()).isEqualTo(volumeId);
        assertThat(completed.volumeSizeGib()).isEqualTo(1);
        assertThat(completed.description()).isEqualTo("solr snapshot of /mnt/solr");
        assertThat(completed.tags()).containsEntry("run", run).containsEntry("mount_point", "/mnt/solr");
        assertThat(completed.startTime()).isNotNull();
    }

    @Test
    void snapshotsTheInstancesDataVolumesButNotItsBootVolume() {
        String kept = attached(Map.of("run", run), "/dev/sdn");
        String bootVolume = ec2.describeInstance(instanceId()).at(ec2.describeInstance(instanceId()).rootDeviceName())
                .map(Instance.BlockDevice::volumeId)
                .orElse(null);

        List<Snapshot> taken = ec2.createSnapshots(instanceId(), List.of(), "multi-volume", Map.of("run", run));
        taken.forEach(s -> snapshots.add(s.id()));

        assertThat(taken).extracting(Snapshot::volumeId).contains(kept).doesNotContainNull();
        if (bootVolume != null) {
            assertThat(taken).extracting(Snapshot::volumeId).doesNotContain(bootVolume);
        }
        assertThat(taken).allSatisfy(s -> assertThat(s.tags()).containsEntry("run", run));
        Snapshot completed = ec2.awaitSnapshotCompleted(snapshotOf(taken, kept).id(), WAIT);
        assertThat(completed.tags()).containsEntry("run", run);
        assertThat(completed.description()).isEqualTo("multi-volume");
    }

    @Test
    void leavesExcludedVolumesOutOfAMultiVolumeSnapshot() {
        assumeThat(honoursSnapshotExclusions()).as("the endpoint ignores ExcludeDataVolumeIds").isTrue();
        String kept = attached(Map.of("run", run), "/dev/sdo");
        String excluded = attached(Map.of("run", run), "/dev/sdp");

        List<Snapshot> taken = ec2.createSnapshots(instanceId(), List.of(excluded), "multi-volume", Map.of("run", run));
        taken.forEach(s -> snapshots.add(s.id()));

        assertThat(taken).extracting(Snapshot::volumeId).contains(kept).doesNotContain(excluded);
    }

    @Test
    void describesEverySnapshotMatchingTheFiltersAcrossPages() {
        String volumeId = created(Map.of("run", run));
        int count = PAGE_SIZE * 2 + 1;
        Set<String> made = IntStream.range(0, count)
                .mapToObj(i -> ec2.createSnapshot(volumeId, "page test " + i, Map.of("run", run, "index", "i" + i)))
                .peek(s -> snapshots.add(s.id()))
                .map(Snapshot::id)
                .collect(Collectors.toSet());

        assertThat(ids(ec2.describeSnapshots(Map.of("tag:run", List.of(run))))).containsExactlyInAnyOrderElementsOf(made);
        assertThat(ec2.describeSnapshots(Map.of("tag:run", List.of(run), "tag:index", List.of("i1*"))))
                .extracting(Snapshot::description)
                .containsExactlyInAnyOrder("page test 1", "page test 10");
        assertThat(ec2.describeSnapshots(Map.of("tag:run", List.of(run), "tag:index", List.of("none")))).isEmpty();
    }

    @Test
    void deletesASnapshot() {
        String volumeId = created(Map.of("run", run));
        Snapshot snapshot = ec2.createSnapshot(volumeId, "to delete", Map.of("run", run));
        snapshots.add(snapshot.id());
        ec2.awaitSnapshotCompleted(snapshot.id(), WAIT);

        ec2.deleteSnapshot(snapshot.id());

        await().atMost(WAIT).until(() -> ec2.findSnapshot(snapshot.id()).isEmpty());
        assertThat(ec2.describeSnapshots(Map.of("tag:run", List.of(run)))).isEmpty();
    }

    @Test
    void addsAndRemovesTags() {
        String volumeId = created(Map.of("run", run, "keep", "yes"));

        ec2.createTags(List.of(volumeId), Map.of("snaptastic:managed", "true", "expires", "2030-01-01T00:00:00Z"));
        assertThat(ec2.findVolume(volumeId).orElseThrow().tags())
                .containsEntry("snaptastic:managed", "true")
                .containsEntry("expires", "2030-01-01T00:00:00Z")
                .containsEntry("keep", "yes");

        ec2.deleteTags(List.of(volumeId), List.of("expires", "snaptastic:managed"));
        assertThat(ec2.findVolume(volumeId).orElseThrow().tags())
                .doesNotContainKeys("expires", "snaptastic:managed")
                .containsEntry("keep", "yes");
    }

    @Test
    void permitsEveryActionTheAgentMakesByDryRunAndChangesNothing() {
        // Volumes an earlier test's clean-up left deleting may vanish meanwhile; only live ones count.
        Map<String, List<String>> live = Map.of("status", List.of("creating", "available", "in-use"));
        List<String> volumesBefore = ids(ec2.describeVolumes(live));
        List<String> snapshotsBefore = ids(ec2.describeSnapshots(Map.of()));

        for (Ec2Action action : EnumSet.allOf(Ec2Action.class)) {
            assertThat(ec2.permitted(action)).as(action.name()).isTrue();
        }

        assertThat(ids(ec2.describeVolumes(live))).containsExactlyInAnyOrderElementsOf(volumesBefore);
        assertThat(ids(ec2.describeSnapshots(Map.of()))).containsExactlyInAnyOrderElementsOf(snapshotsBefore);
    }

    @Test
    void describesOnlyVolumesMatchingEachOfTwoFiltersOfOneName() {
        String both = created(Map.of("run", run, "a-" + run, "", "b-" + run, ""));
        created(Map.of("run", run, "a-" + run, ""));

        List<String> found = raw.describeVolumes(d -> d.filters(
                        Filter.builder().name("tag-key").values("a-" + run).build(),
                        Filter.builder().name("tag-key").values("b-" + run).build()))
                .volumes().stream().map(software.amazon.awssdk.services.ec2.model.Volume::volumeId).toList();

        assertThat(found).containsExactly(both);
    }

    @Test
    void answersAnUntaggedVolumeWithoutTags() {
        Volume volume = ec2.createVolume(newVolume(Map.of(), token()));
        volumes.add(volume.id());
        ec2.awaitVolumeAvailable(volume.id(), WAIT);

        software.amazon.awssdk.services.ec2.model.Volume described =
                raw.describeVolumes(d -> d.volumeIds(volume.id())).volumes().get(0);

        assertThat(described.hasTags()).as("a tagSet element for an untagged volume").isFalse();
        assertThat(described.hasAttachments()).isTrue();
        assertThat(ec2.findVolume(volume.id()).orElseThrow().tags()).isEmpty();
    }

    @Test
    void enablesMultiAttachOnIo2AndRefusesItOnGp3() {
        CreateVolumeResponse io2 = raw.createVolume(c -> c.availabilityZone(zone).size(4).volumeType("io2").iops(100)
                .multiAttachEnabled(true).tagSpecifications(runTags()));
        volumes.add(io2.volumeId());

        assertThat(io2.multiAttachEnabled()).isTrue();
        assertThat(raw.describeVolumes(d -> d.volumeIds(io2.volumeId())).volumes().get(0).multiAttachEnabled()).isTrue();
        AwsServiceException refused = refusal(() -> raw.createVolume(c -> c.availabilityZone(zone).size(1).volumeType("gp3")
                .multiAttachEnabled(true).tagSpecifications(runTags())));
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterDependency");
        assertThat(refused.awsErrorDetails().errorMessage()).contains("MultiAttachEnabled");
    }

    @Test
    void refusesATagSpecificationWithoutTags() {
        AwsServiceException refused = refusal(() -> raw.createVolume(c -> c.availabilityZone(zone).size(1).volumeType("gp3")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME).build())));

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    }

    private TagSpecification runTags() {
        return TagSpecification.builder().resourceType(ResourceType.VOLUME)
                .tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("run").value(run).build()).build();
    }

    /** The error of a create call that must fail; a volume it made anyway is cleaned up with the rest. */
    private AwsServiceException refusal(Supplier<CreateVolumeResponse> create) {
        try {
            volumes.add(create.get().volumeId());
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("the endpoint accepted the request");
    }

    private NewVolume newVolume(Map<String, String> tags, String clientToken) {
        return new NewVolume(zone, 1, "gp3", null, null, false, null, null, tags, clientToken);
    }

    /** A new volume, available; deleted after the test. */
    private String created(Map<String, String> tags) {
        Volume volume = ec2.createVolume(newVolume(tags, token()));
        volumes.add(volume.id());
        return ec2.awaitVolumeAvailable(volume.id(), WAIT).id();
    }

    private String attached(Map<String, String> tags, String device) {
        String volumeId = created(tags);
        ec2.attachVolume(volumeId, instanceId(), device);
        ec2.awaitAttached(volumeId, instanceId(), WAIT, WAIT);
        return volumeId;
    }

    private static Snapshot snapshotOf(List<Snapshot> snapshots, String volumeId) {
        return snapshots.stream().filter(s -> volumeId.equals(s.volumeId())).findFirst().orElseThrow();
    }

    private static String token() {
        return UUID.randomUUID().toString();
    }

    private static List<String> ids(List<?> resources) {
        return resources.stream()
                .map(r -> r instanceof Volume v ? v.id() : ((Snapshot) r).id())
                .toList();
    }

    /** The instance the suite runs as, for the dry runs that need an instance and a zone. */
    private final class TestIdentity implements InstanceIdentity {
        @Override
        public String instanceId() {
            return Ec2ContractTests.this.instanceId();
        }

        @Override
        public String availabilityZone() {
            return zone;
        }

        @Override
        public String region() {
            return Ec2ContractTests.this.region();
        }

        @Override
        public Map<String, Object> userdata() {
            return Map.of();
        }
    }
}
