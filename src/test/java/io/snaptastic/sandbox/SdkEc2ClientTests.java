package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.model.VolumeType;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** The AWS SDK for Java v2, as the agent's EC2 adapter uses it, against the sandbox. */
class SdkEc2ClientTests {

    static final String INSTANCE = "i-0sandbox000000001";

    @TempDir
    Path stateDir;

    SandboxHarness sandbox;
    Ec2Client ec2;
    Ec2Waiter waiter;

    @BeforeEach
    void start() {
        sandbox = SandboxHarness.start(stateDir,
                SandboxHarness.fast().withDelays(Duration.ofMillis(100), Duration.ofMillis(300)), new FakeDisks());
        ec2 = Ec2Client.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(10)))
                .build();
        waiter = Ec2Waiter.builder().client(ec2)
                .overrideConfiguration(config -> config.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50)))
                        .waitTimeout(Duration.ofSeconds(20)))
                .build();
    }

    @AfterEach
    void stop() {
        waiter.close();
        ec2.close();
        sandbox.close();
    }

    @Test
    void volumeLifecycleWithWaiters() {
        CreateVolumeResponse created = ec2.createVolume(request -> request.availabilityZone("eu-west-1a").size(20).volumeType(VolumeType.GP3)
                .iops(3000).throughput(125).encrypted(true).clientToken("sdk-token")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME)
                        .tags(Tag.builder().key("role").value("solr").build()).build()));
        String id = created.volumeId();

        assertThat(created.state()).isEqualTo(VolumeState.CREATING);
        assertThat(created.tags()).containsExactly(Tag.builder().key("role").value("solr").build());
        Volume available = waiter.waitUntilVolumeAvailable(request -> request.volumeIds(id)).matched().response()
                .orElseThrow().volumes().get(0);
        assertThat(available.size()).isEqualTo(20);
        assertThat(available.volumeType()).isEqualTo(VolumeType.GP3);
        assertThat(available.encrypted()).isTrue();
        assertThat(available.createTime()).isNotNull();
        assertThat(available.snapshotId()).as("empty, as EC2 sends it").isEmpty();

        ec2.attachVolume(request -> request.volumeId(id).instanceId(INSTANCE).device("/dev/sdf"));
        waiter.waitUntilVolumeInUse(request -> request.volumeIds(id));
        // in-use is the volume's state from the moment it starts attaching; detaching needs it attached.
        await().atMost(Duration.ofSeconds(10)).until(() -> ec2.describeVolumes(request -> request.volumeIds(id)).volumes()
                .get(0).attachments().get(0).state() == VolumeAttachmentState.ATTACHED);
        ec2.modifyInstanceAttribute(request -> request.instanceId(INSTANCE).blockDeviceMappings(mapping -> mapping
                .deviceName("/dev/sdf").ebs(ebs -> ebs.deleteOnTermination(true))));
        Instance instance = ec2.describeInstances(request -> request.instanceIds(INSTANCE)).reservations().get(0).instances().get(0);
        assertThat(instance.placement().availabilityZone()).isEqualTo("eu-west-1a");
        assertThat(instance.rootDeviceName()).isEqualTo("/dev/xvda");
        assertThat(instance.blockDeviceMappings()).anySatisfy(mapping -> {
            assertThat(mapping.deviceName()).isEqualTo("/dev/sdf");
            assertThat(mapping.ebs().volumeId()).isEqualTo(id);
            assertThat(mapping.ebs().deleteOnTermination()).isTrue();
        });

        ec2.detachVolume(request -> request.volumeId(id).instanceId(INSTANCE).device("/dev/sdf"));
        waiter.waitUntilVolumeAvailable(request -> request.volumeIds(id));
        ec2.deleteVolume(request -> request.volumeId(id));
        waiter.waitUntilVolumeDeleted(request -> request.volumeIds(id));
    }

    @Test
    void attachmentStatesAreReadByTheSdk() {
        String id = ec2.createVolume(request -> request.availabilityZone("eu-west-1a").size(1)).volumeId();
        waiter.waitUntilVolumeAvailable(request -> request.volumeIds(id));

        assertThat(ec2.attachVolume(request -> request.volumeId(id).instanceId(INSTANCE).device("/dev/sdg")).state())
                .isEqualTo(VolumeAttachmentState.ATTACHING);
        Volume inUse = waiter.waitUntilVolumeInUse(request -> request.volumeIds(id)).matched().response().orElseThrow().volumes().get(0);
        assertThat(inUse.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.instanceId()).isEqualTo(INSTANCE);
            assertThat(attachment.device()).isEqualTo("/dev/sdg");
        });
    }

    @Test
    void snapshotsWithWaitersFiltersAndPaginators() {
        String id = ec2.createVolume(request -> request.availabilityZone("eu-west-1a").size(2)).volumeId();
        waiter.waitUntilVolumeAvailable(request -> request.volumeIds(id));
        ec2.attachVolume(request -> request.volumeId(id).instanceId(INSTANCE).device("/dev/sdf"));
        waiter.waitUntilVolumeInUse(request -> request.volumeIds(id).filters(
                Filter.builder().name("attachment.status").values("attached").build()));

        CreateSnapshotResponse single = ec2.createSnapshot(request -> request.volumeId(id).description("one")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(Tag.builder().key("mount_point").value("/mnt/solr").build()).build()));
        List<SnapshotInfo> multi = ec2.createSnapshots(request -> request.description("many")
                .instanceSpecification(spec -> spec.instanceId(INSTANCE).excludeBootVolume(true))
                .copyTagsFromSource(CopyTagsFromSource.VOLUME)).snapshots();

        assertThat(single.stateAsString()).isEqualTo("pending");
        assertThat(multi).singleElement().satisfies(info -> assertThat(info.volumeId()).isEqualTo(id));
        waiter.waitUntilSnapshotCompleted(request -> request.snapshotIds(single.snapshotId(), multi.get(0).snapshotId()));
        List<Snapshot> found = ec2.describeSnapshotsPaginator(request -> request.ownerIds("self").maxResults(5)
                .filters(Filter.builder().name("tag:mount_point").values("/mnt/*").build())).snapshots().stream().toList();
        assertThat(found).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.snapshotId()).isEqualTo(single.snapshotId());
            assertThat(snapshot.progress()).isEqualTo("100%");
            assertThat(snapshot.volumeSize()).isEqualTo(2);
            assertThat(snapshot.startTime()).isNotNull();
        });
    }

    @Test
    void errorsCarryEc2Codes() {
        Ec2Exception notFound = catchThrowableOfType(Ec2Exception.class,
                () -> ec2.describeVolumes(request -> request.volumeIds("vol-0123456789abcdef0")));
        Ec2Exception dryRun = catchThrowableOfType(Ec2Exception.class,
                () -> ec2.createSnapshots(request -> request.dryRun(true).instanceSpecification(spec -> spec.instanceId(INSTANCE))));

        assertThat(notFound.awsErrorDetails().errorCode()).isEqualTo("InvalidVolume.NotFound");
        assertThat(notFound.statusCode()).isEqualTo(400);
        assertThat(notFound.requestId()).isNotBlank();
        assertThat(dryRun.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
    }

    @Test
    void theSdksImdsClientReadsTheInstance() {
        try (Ec2MetadataClient imds = Ec2MetadataClient.builder().endpoint(sandbox.endpoint())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(imds.get("/latest/meta-data/instance-id").asString()).isEqualTo(INSTANCE);
            assertThat(imds.get("/latest/meta-data/placement/region").asString()).isEqualTo("eu-west-1");
            assertThat(imds.get("/latest/user-data").asString()).contains("\"role\":\"solr\"");
        }
    }
}
