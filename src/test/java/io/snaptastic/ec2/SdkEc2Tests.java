package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snaptastic.instance.FixedIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.AttachmentStatus;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeState;

/** The requests SdkEc2 makes and the waits' timing rules, against a scripted client (no network). */
class SdkEc2Tests {

    private ScriptedEc2Client script;
    private SdkEc2 ec2;

    @BeforeEach
    void setUp() {
        script = new ScriptedEc2Client();
        ec2 = new SdkEc2(() -> script, FixedIdentity.in("i-1", "eu-west-1"), 5);
    }

    @Test
    void createsAVolumeWithTagsAndTokenAndWithoutUnsetPerformanceSettings() {
        script.answer(CreateVolumeRequest.class, CreateVolumeResponse.builder().volumeId("vol-1").state(VolumeState.CREATING).build());

        ec2.createVolume(new NewVolume("eu-west-1a", 20, "gp2", null, null, false, "alias/ignored", null,
                Map.of("role", "solr"), "token-1"));

        CreateVolumeRequest request = script.request(CreateVolumeRequest.class);
        assertThat(request.availabilityZone()).isEqualTo("eu-west-1a");
        assertThat(request.size()).isEqualTo(20);
        assertThat(request.volumeTypeAsString()).isEqualTo("gp2");
        assertThat(request.clientToken()).isEqualTo("token-1");
        assertThat(request.iops()).isNull();
        assertThat(request.throughput()).isNull();
        assertThat(request.kmsKeyId()).as("a key only for an encrypted volume").isNull();
        assertThat(request.tagSpecifications()).singleElement().satisfies(spec -> {
            assertThat(spec.resourceType()).isEqualTo(ResourceType.VOLUME);
            assertThat(spec.tags()).containsExactly(Tag.builder().key("role").value("solr").build());
        });
    }

    @Test
    void createsAnEncryptedVolumeWithItsKeyAndPerformanceSettings() {
        script.answer(CreateVolumeRequest.class, CreateVolumeResponse.builder().volumeId("vol-1").build());

        ec2.createVolume(new NewVolume("eu-west-1a", 20, "gp3", 4000, 250, true, "alias/ebs", "snap-1", Map.of(), "t"));

        CreateVolumeRequest request = script.request(CreateVolumeRequest.class);
        assertThat(request.iops()).isEqualTo(4000);
        assertThat(request.throughput()).isEqualTo(250);
        assertThat(request.encrypted()).isTrue();
        assertThat(request.kmsKeyId()).isEqualTo("alias/ebs");
        assertThat(request.snapshotId()).isEqualTo("snap-1");
        assertThat(request.tagSpecifications()).isEmpty();
    }

    @Test
    void createsMultiVolumeSnapshotsWithoutTheBootVolumeAndTheExcludedOnesCopyingVolumeTags() {
        script.answer(CreateSnapshotsRequest.class, CreateSnapshotsResponse.builder().build());

        ec2.createSnapshots("i-1", List.of("vol-2"), "nightly", Map.of("cluster", "a"));

        CreateSnapshotsRequest request = script.request(CreateSnapshotsRequest.class);
        assertThat(request.instanceSpecification().instanceId()).isEqualTo("i-1");
        assertThat(request.instanceSpecification().excludeBootVolume()).isTrue();
        assertThat(request.instanceSpecification().excludeDataVolumeIds()).containsExactly("vol-2");
        assertThat(request.copyTagsFromSource()).isEqualTo(CopyTagsFromSource.VOLUME);
        assertThat(request.overrideConfiguration()).hasValueSatisfying(o -> assertThat(o.plugins()).hasSize(1));
        assertThat(request.description()).isEqualTo("nightly");
        assertThat(request.tagSpecifications()).singleElement()
                .satisfies(spec -> assertThat(spec.resourceType()).isEqualTo(ResourceType.SNAPSHOT));
    }

    @Test
    void refusesToLeaveOutMoreVolumesThanCreateSnapshotsTakes() {
        List<String> excluded = java.util.stream.IntStream.rangeClosed(1, 41).mapToObj(i -> "vol-" + i).toList();

        assertThatThrownBy(() -> ec2.createSnapshots("i-1", excluded, "nightly", Map.of()))
                .isInstanceOf(Ec2Exception.InvalidRequest.class)
                .hasMessageContaining("41 volumes to leave out");
        assertThat(script.requests(CreateSnapshotsRequest.class)).isEmpty();
    }

    @Test
    void aSnapshotTooSoonAfterThePreviousOneReachesTheCallerAsItsOwnRefusal() {
        script.answer(CreateSnapshotRequest.class, awsError("SnapshotCreationPerVolumeRateExceeded", 400));
        script.answer(CreateSnapshotsRequest.class, awsError("ConcurrentSnapshotLimitExceeded", 400));

        assertThatThrownBy(() -> ec2.createSnapshot("vol-1", "nightly", Map.of()))
                .isInstanceOf(Ec2Exception.SnapshotRateExceeded.class);
        assertThatThrownBy(() -> ec2.createSnapshots("i-1", List.of(), "nightly", Map.of()))
                .isInstanceOf(Ec2Exception.SnapshotLimitExceeded.class);
        assertThat(script.request(CreateSnapshotRequest.class).overrideConfiguration())
                .as("no SDK retries while the caller holds a freeze")
                .hasValueSatisfying(o -> assertThat(o.plugins()).hasSize(1));
    }

    @Test
    void describesOwnSnapshotsAcrossEveryPage() {
        script.answer(DescribeSnapshotsRequest.class, 
                        DescribeSnapshotsResponse.builder().snapshots(snapshot("snap-1")).nextToken("page-2").build(),
                        DescribeSnapshotsResponse.builder().snapshots(snapshot("snap-2")).build());

        List<Snapshot> snapshots = ec2.describeSnapshots(Map.of("tag:role", List.of("solr")));

        assertThat(snapshots).extracting(Snapshot::id).containsExactly("snap-1", "snap-2");
        List<DescribeSnapshotsRequest> requests = script.requests(DescribeSnapshotsRequest.class);
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.ownerIds()).containsExactly("self");
            assertThat(r.maxResults()).isEqualTo(5);
        });
        assertThat(requests.get(1).nextToken()).isEqualTo("page-2");
    }

    @Test
    void waitsThroughTheNotFoundThatFollowsACreate() {
        script.answer(DescribeVolumesRequest.class,
                awsError("InvalidVolume.NotFound", 400), volumes(VolumeState.CREATING), volumes(VolumeState.AVAILABLE));

        Volume volume = ec2.awaitVolumeAvailable("vol-1", Duration.ofSeconds(30));

        assertThat(volume.state()).isEqualTo("available");
        assertThat(script.requests(DescribeVolumesRequest.class)).hasSize(3);
    }

    @Test
    void pollsByVolumeIdFilterSoAVolumeEc2DoesNotShowYetIsWaitedFor() {
        script.answer(DescribeVolumesRequest.class,
                DescribeVolumesResponse.builder().build(), volumes(VolumeState.CREATING), volumes(VolumeState.AVAILABLE));

        Volume volume = ec2.awaitVolumeAvailable("vol-1", Duration.ofSeconds(30));

        assertThat(volume.state()).isEqualTo("available");
        assertThat(script.requests(DescribeVolumesRequest.class)).hasSize(3).allSatisfy(request -> {
            assertThat(request.volumeIds()).isEmpty();
            assertThat(request.filters()).singleElement().satisfies(filter -> {
                assertThat(filter.name()).isEqualTo("volume-id");
                assertThat(filter.values()).containsExactly("vol-1");
            });
        });
    }

    @Test
    void failsWithinSecondsWhenAVolumeSeenCreatingDisappears() {
        DescribeVolumesResponse none = DescribeVolumesResponse.builder().build();
        script.answer(DescribeVolumesRequest.class, none, volumes(VolumeState.CREATING), none);

        long started = System.nanoTime();
        assertThatThrownBy(() -> ec2.awaitVolumeAvailable("vol-1", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(Ec2Exception.Vanished.class, e -> assertThat(e.volumeId()).isEqualTo("vol-1"))
                .hasMessage("volume vol-1 was creating and then disappeared before it became available");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        // Not yet known, seen, then gone for three polls in a row: one missing answer may be a lagging replica.
        assertThat(script.requests(DescribeVolumesRequest.class)).hasSize(2 + VolumeSightings.CONFIRMING_POLLS);
    }

    @Test
    void keepsWaitingWhenASeenVolumeIsMissingFromOneAnswerOnly() {
        DescribeVolumesResponse none = DescribeVolumesResponse.builder().build();
        script.answer(DescribeVolumesRequest.class,
                volumes(VolumeState.CREATING), none, none, volumes(VolumeState.CREATING), none, volumes(VolumeState.AVAILABLE));

        assertThat(ec2.awaitVolumeAvailable("vol-1", Duration.ofSeconds(30)).state()).isEqualTo("available");
    }

    @Test
    void waitsUntilTheDeadlineForAVolumeNeverSeenRatherThanCallingItVanished() {
        script.answer(DescribeVolumesRequest.class, DescribeVolumesResponse.builder().build());

        assertThatThrownBy(() -> ec2.awaitVolumeAvailable("vol-1", Duration.ofSeconds(2)))
                .isInstanceOf(Ec2Exception.WaitFailed.class);
    }

    @Test
    void failsAnAttachWaitAtOnceWhenTheVolumeIsGone() {
        script.answer(DescribeVolumesRequest.class, DescribeVolumesResponse.builder().build());

        assertThatThrownBy(() -> ec2.awaitAttached("vol-1", "i-1", Duration.ofMinutes(10), Duration.ofMinutes(10)))
                .isInstanceOf(Ec2Exception.WaitFailed.class)
                .hasMessageContaining("vol-1")
                .hasMessageContaining("no longer exists");
        assertThat(script.requests(DescribeVolumesRequest.class)).hasSize(1);
    }

    @Test
    void countsDetachedWhenTheFilterFindsNoVolume() {
        script.answer(DescribeVolumesRequest.class, DescribeVolumesResponse.builder().build());

        ec2.awaitDetached("vol-1", Duration.ofSeconds(30));

        assertThat(script.requests(DescribeVolumesRequest.class)).hasSize(1);
    }

    @Test
    void failsASnapshotWaitAtOnceWhenTheSnapshotTurnsError() {
        script.answer(DescribeSnapshotsRequest.class, snapshots(SnapshotState.ERROR));
        long start = System.nanoTime();

        assertThatThrownBy(() -> ec2.awaitSnapshotCompleted("snap-1", Duration.ofMinutes(10)))
                .isInstanceOf(Ec2Exception.WaitFailed.class)
                .hasMessageContaining("snap-1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
        assertThat(script.requests(DescribeSnapshotsRequest.class)).hasSize(1);
    }

    @Test
    void keepsTheTranslationOfAnErrorNoWaitExpects() {
        script.answer(DescribeVolumesRequest.class, awsError("UnauthorizedOperation", 403));

        assertThatThrownBy(() -> ec2.awaitDetached("vol-1", Duration.ofSeconds(30)))
                .isInstanceOf(Ec2Exception.Denied.class);
    }

    @Test
    void countsDetachedWhenTheVolumeIsGone() {
        script.answer(DescribeVolumesRequest.class, awsError("InvalidVolume.NotFound", 400));

        ec2.awaitDetached("vol-1", Duration.ofSeconds(30));

        assertThat(script.requests(DescribeVolumesRequest.class)).hasSize(1);
    }

    @Test
    void findsNoVolumeWhereEc2AnswersNotFound() {
        script.answer(DescribeVolumesRequest.class, awsError("InvalidVolume.NotFound", 400));

        assertThat(ec2.findVolume("vol-1")).isEmpty();
    }

    @Test
    void readsDryRunOperationAsPermittedAndUnauthorizedOperationAsNot() {
        script.answer(CreateVolumeRequest.class, awsError("DryRunOperation", 412));
        script.answer(CreateSnapshotsRequest.class, awsError("UnauthorizedOperation", 403));
        script.answer(DescribeVolumesRequest.class, awsError("RequestLimitExceeded", 503));

        assertThat(ec2.permitted(Ec2Action.CREATE_VOLUME)).isTrue();
        assertThat(ec2.permitted(Ec2Action.CREATE_SNAPSHOTS)).isFalse();
        assertThatThrownBy(() -> ec2.permitted(Ec2Action.DESCRIBE_VOLUMES)).isInstanceOf(Ec2Exception.Throttled.class);

        CreateVolumeRequest dryRun = script.request(CreateVolumeRequest.class);
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.availabilityZone()).isEqualTo("eu-west-1a");
        // Tagged as the real call is, so an IAM policy conditioned on aws:RequestTag answers alike.
        assertThat(dryRun.tagSpecifications()).singleElement().satisfies(spec -> {
            assertThat(spec.resourceType()).isEqualTo(ResourceType.VOLUME);
            assertThat(spec.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("snaptastic:managed=true");
        });
        assertThat(script.request(CreateSnapshotsRequest.class).tagSpecifications()).singleElement()
                .satisfies(spec -> assertThat(spec.resourceType()).isEqualTo(ResourceType.SNAPSHOT));
    }

    @Test
    void givesUpOnAnAttachmentThatStaysAttaching() {
        script.answer(DescribeVolumesRequest.class, attachment("attaching"));
        long started = System.nanoTime();

        assertThatThrownBy(() -> ec2.awaitAttached("vol-1", "i-1", Duration.ofMinutes(10), Duration.ofMillis(300)))
                .isInstanceOf(Ec2Exception.AttachmentStuck.class)
                .hasMessageContaining("vol-1")
                .hasMessageContaining("got stuck: still attaching");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(script.requests(DescribeVolumesRequest.class)).hasSizeGreaterThan(1);
    }

    @Test
    void anAttachmentThatCompletesBeforeTheStuckTimeoutIsAttached() {
        script.answer(DescribeVolumesRequest.class, attachment("attaching"), attachment("attached"));

        Volume attached = ec2.awaitAttached("vol-1", "i-1", Duration.ofMinutes(10), Duration.ofMinutes(5));

        assertThat(attached.attachments()).singleElement().extracting(Volume.Attachment::state).isEqualTo("attached");
    }

    @Test
    void setsDeleteOnTerminationAtTheDeviceNameOfTheInstancesMapping() {
        // Attached as /dev/sdf; this AMI's mapping reports it as /dev/xvdf.
        script.answer(DescribeInstancesRequest.class, instanceWith("/dev/xvdf", "vol-1", "/dev/sdg", "vol-2"));
        script.answer(ModifyInstanceAttributeRequest.class, ModifyInstanceAttributeResponse.builder().build());

        ec2.setDeleteOnTermination("i-1", "vol-1", false);

        ModifyInstanceAttributeRequest request = script.request(ModifyInstanceAttributeRequest.class);
        assertThat(request.instanceId()).isEqualTo("i-1");
        assertThat(request.blockDeviceMappings()).singleElement().satisfies(mapping -> {
            assertThat(mapping.deviceName()).isEqualTo("/dev/xvdf");
            assertThat(mapping.ebs().volumeId()).isEqualTo("vol-1");
            assertThat(mapping.ebs().deleteOnTermination()).isFalse();
        });
        assertThat(script.requests(DescribeInstancesRequest.class)).singleElement()
                .satisfies(describe -> assertThat(describe.instanceIds()).containsExactly("i-1"));
    }

    @Test
    void failsClearlyWhenTheVolumeIsNotInTheInstancesMapping() {
        script.answer(DescribeInstancesRequest.class, instanceWith("/dev/sdg", "vol-2", "/dev/sdh", "vol-3"));

        assertThatThrownBy(() -> ec2.setDeleteOnTermination("i-1", "vol-1", true))
                .isInstanceOf(Ec2Exception.NotFound.class)
                .hasMessageContaining("vol-1 is not in the instance's block device mapping");
        assertThat(script.requests(ModifyInstanceAttributeRequest.class)).isEmpty();
    }

    @Test
    void probesCreateTagsAsTaggingOnCreate() {
        script.answer(CreateVolumeRequest.class, awsError("DryRunOperation", 412));

        assertThat(ec2.permitted(Ec2Action.CREATE_TAGS)).isTrue();

        // The policy in docs/iam-policy.md allows ec2:CreateTags only with ec2:CreateAction, i.e. in a create call.
        CreateVolumeRequest dryRun = script.request(CreateVolumeRequest.class);
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.tagSpecifications()).singleElement()
                .satisfies(spec -> assertThat(spec.resourceType()).isEqualTo(ResourceType.VOLUME));
    }

    @Test
    void readsMotosAccessDeniedAsNotPermitted() {
        script.answer(CreateSnapshotsRequest.class, awsError("AccessDenied", 403));

        assertThat(ec2.permitted(Ec2Action.CREATE_SNAPSHOTS)).isFalse();
    }

    @Test
    void refusesAPageSizeEc2DoesNotAccept() {
        assertThatThrownBy(() -> new SdkEc2(() -> script, FixedIdentity.in("i-1", "eu-west-1"), 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DescribeVolumesResponse volumes(VolumeState state) {
        return DescribeVolumesResponse.builder()
                .volumes(software.amazon.awssdk.services.ec2.model.Volume.builder()
                        .volumeId("vol-1")
                        .state(state)
                        .size(1)
                        .createTime(Instant.EPOCH)
                        .build())
                .build();
    }

    private static DescribeVolumesResponse attachment(String state) {
        return DescribeVolumesResponse.builder()
                .volumes(software.amazon.awssdk.services.ec2.model.Volume.builder()
                        .volumeId("vol-1")
                        .state(VolumeState.IN_USE)
                        .size(1)
                        .createTime(Instant.EPOCH)
                        .attachments(VolumeAttachment.builder().volumeId("vol-1").instanceId("i-1").device("/dev/sdf")
                                .state(state).build())
                        .build())
                .build();
    }

    private static DescribeInstancesResponse instanceWith(String device1, String volume1, String device2, String volume2) {
        return DescribeInstancesResponse.builder()
                .reservations(Reservation.builder().instances(software.amazon.awssdk.services.ec2.model.Instance.builder()
                        .instanceId("i-1")
                        .rootDeviceName("/dev/xvda")
                        .blockDeviceMappings(mapping(device1, volume1), mapping(device2, volume2))
                        .build()).build())
                .build();
    }

    private static InstanceBlockDeviceMapping mapping(String device, String volumeId) {
        return InstanceBlockDeviceMapping.builder()
                .deviceName(device)
                .ebs(EbsInstanceBlockDevice.builder().volumeId(volumeId).status(AttachmentStatus.ATTACHED).build())
                .build();
    }

    private static DescribeSnapshotsResponse snapshots(SnapshotState state) {
        return DescribeSnapshotsResponse.builder()
                .snapshots(software.amazon.awssdk.services.ec2.model.Snapshot.builder()
                        .snapshotId("snap-1")
                        .state(state)
                        .build())
                .build();
    }

    private static software.amazon.awssdk.services.ec2.model.Snapshot snapshot(String id) {
        return software.amazon.awssdk.services.ec2.model.Snapshot.builder()
                .snapshotId(id)
                .state(SnapshotState.COMPLETED)
                .build();
    }

    private static AwsServiceException awsError(String code, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
                .statusCode(status)
                .build();
    }
}
