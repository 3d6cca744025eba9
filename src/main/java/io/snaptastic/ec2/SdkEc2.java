package io.snaptastic.ec2;

import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.support.Lazy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The {@link Ec2} port on the AWS SDK v2 {@link Ec2Client}. Every call goes through
 * {@link Ec2Errors}, so only domain records and {@link Ec2Exception}s leave this class. The client is
 * taken from a supplier on each call, so it can be built lazily.
 */
public final class SdkEc2 implements Ec2, AutoCloseable {

    /**
     * The snapshot calls are made while filesystems are frozen: the SDK must not wait out throttling
     * there. The caller thaws, backs off and asks again.
     */
    private static final SdkPlugin NO_RETRIES = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());


    /** EC2's largest page for DescribeVolumes is 500, for DescribeSnapshots 1000; 500 fits both. */
    static final int DEFAULT_PAGE_SIZE = 500;

    private final Supplier<Ec2Client> client;
    private final int pageSize;
    private final Ec2Waits waits;
    private final DryRunProbe dryRun;

    public SdkEc2(Supplier<Ec2Client> client, InstanceIdentity identity) {
        this(client, identity, DEFAULT_PAGE_SIZE);
    }

    /** @param pageSize MaxResults for the paginated describes (5..500); small in tests to exercise paging */
    public SdkEc2(Supplier<Ec2Client> client, InstanceIdentity identity, int pageSize) {
        if (pageSize < 5 || pageSize > 500) {
            throw new IllegalArgumentException("pageSize must be within 5..500, was " + pageSize);
        }
        this.client = client;
        this.pageSize = pageSize;
        this.waits = new Ec2Waits(client);
        this.dryRun = new DryRunProbe(client, identity);
    }

    @Override
    public Volume createVolume(NewVolume request) {
        return Ec2Errors.call("CreateVolume", () -> Ec2Mapping.volume(
                client.get().createVolume(Ec2Mapping.createVolumeRequest(request))));
    }

    @Override
    public Optional<Volume> findVolume(String volumeId) {
        try {
            return Ec2Errors.call("DescribeVolumes " + volumeId, () -> client.get()
                    .describeVolumes(b -> b.volumeIds(volumeId))
                    .volumes()
                    .stream()
                    .findFirst()
                    .map(Ec2Mapping::volume));
        } catch (Ec2Exception.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Volume> describeVolumes(Map<String, List<String>> filters) {
        return Ec2Errors.call("DescribeVolumes", () -> client.get()
                .describeVolumesPaginator(b -> b.filters(Ec2Mapping.filters(filters)).maxResults(pageSize))
                .volumes()
                .stream()
                .map(Ec2Mapping::volume)
                .toList());
    }

    @Override
    public void attachVolume(String volumeId, String instanceId, String device) {
        Ec2Errors.run("AttachVolume " + volumeId, () -> client.get()
                .attachVolume(b -> b.volumeId(volumeId).instanceId(instanceId).device(device)));
    }

    @Override
    public void detachVolume(String volumeId, String instanceId, String device, boolean force) {
        Ec2Errors.run("DetachVolume " + volumeId, () -> client.get()
                .detachVolume(b -> b.volumeId(volumeId).instanceId(instanceId).device(device).force(force)));
    }

    @Override
    public void deleteVolume(String volumeId) {
        Ec2Errors.run("DeleteVolume " + volumeId, () -> client.get().deleteVolume(b -> b.volumeId(volumeId)));
    }

    @Override
    public Volume awaitVolumeAvailable(String volumeId, Duration timeout) {
        return waits.volumeAvailable(volumeId, timeout);
    }

    @Override
    public Volume awaitAttached(String volumeId, String instanceId, Duration timeout, Duration stuckAttaching) {
        return waits.attached(volumeId, instanceId, timeout, stuckAttaching);
    }

    @Override
    public void awaitDetached(String volumeId, Duration timeout) {
        waits.detached(volumeId, timeout);
    }

    @Override
    public Instance describeInstance(String instanceId) {
        return Ec2Errors.call("DescribeInstances " + instanceId, () -> client.get()
                .describeInstances(b -> b.instanceIds(instanceId))
                .reservations()
                .stream()
                .flatMap(r -> r.instances().stream())
                .findFirst()
                .map(Ec2Mapping::instance)
                .orElseThrow(() -> new Ec2Exception.NotFound(
                        null, "DescribeInstances " + instanceId + ": no such instance", null)));
    }

    @Override
    public void setDeleteOnTermination(String instanceId, String volumeId, boolean deleteOnTermination) {
        // ModifyInstanceAttribute names an attached volume by the device name of its block device mapping
        // (botocore's EC2 model, InstanceBlockDeviceMappingSpecification), which can differ from the name
        // AttachVolume was given (/dev/sdf reported as /dev/xvdf on some AMIs; not verified on real AWS here).
        String device = describeInstance(instanceId).deviceOf(volumeId).orElseThrow(() -> new Ec2Exception.NotFound(null,
                "ModifyInstanceAttribute " + instanceId + ": " + volumeId + " is not in the instance's block device mapping,"
                        + " so its DeleteOnTermination cannot be set", null));
        Ec2Errors.run("ModifyInstanceAttribute " + instanceId, () -> client.get()
                .modifyInstanceAttribute(b -> b.instanceId(instanceId)
                        .blockDeviceMappings(Ec2Mapping.deleteOnTermination(device, volumeId, deleteOnTermination))));
    }

    @Override
    public List<Snapshot> createSnapshots(
            String instanceId, Collection<String> excludedVolumeIds, String description, Map<String, String> tags) {
        if (excludedVolumeIds.size() > MAX_EXCLUDED_VOLUMES) {
            throw new Ec2Exception.InvalidRequest(null, "CreateSnapshots " + instanceId + ": " + excludedVolumeIds.size()
                    + " volumes to leave out, more than the " + MAX_EXCLUDED_VOLUMES + " EC2 takes", null);
        }
        // Each snapshot copies its volume's tags (mount_point differs per volume, and one
        // TagSpecifications applies to all); the given tags add what is common to all of them.
        return Ec2Errors.call("CreateSnapshots " + instanceId, () -> client.get()
                .createSnapshots(b -> b.instanceSpecification(s -> s.instanceId(instanceId)
                                .excludeBootVolume(true)
                                .excludeDataVolumeIds(excludedVolumeIds.isEmpty() ? null : List.copyOf(excludedVolumeIds)))
                        .description(description)
                        .copyTagsFromSource(CopyTagsFromSource.VOLUME)
                        .tagSpecifications(Ec2Mapping.tagSpecifications(ResourceType.SNAPSHOT, tags))
                        .overrideConfiguration(o -> o.addPlugin(NO_RETRIES)))
                .snapshots()
                .stream()
                .map(Ec2Mapping::snapshot)
                .toList());
    }

    @Override
    public Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
        return Ec2Errors.call("CreateSnapshot " + volumeId, () -> Ec2Mapping.snapshot(client.get()
                .createSnapshot(b -> b.volumeId(volumeId)
                        .description(description)
                        .tagSpecifications(Ec2Mapping.tagSpecifications(ResourceType.SNAPSHOT, tags))
                        .overrideConfiguration(o -> o.addPlugin(NO_RETRIES)))));
    }

    @Override
    public List<Snapshot> describeSnapshots(Map<String, List<String>> filters) {
        return Ec2Errors.call("DescribeSnapshots", () -> client.get()
                .describeSnapshotsPaginator(b -> b.ownerIds("self")
                        .filters(Ec2Mapping.filters(filters))
                        .maxResults(pageSize))
                .snapshots()
                .stream()
                .map(Ec2Mapping::snapshot)
                .toList());
    }

    @Override
    public Optional<Snapshot> findSnapshot(String snapshotId) {
        try {
            return Ec2Errors.call("DescribeSnapshots " + snapshotId, () -> client.get()
                    .describeSnapshots(b -> b.snapshotIds(snapshotId))
                    .snapshots()
                    .stream()
                    .findFirst()
                    .map(Ec2Mapping::snapshot));
        } catch (Ec2Exception.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public Snapshot awaitSnapshotCompleted(String snapshotId, Duration timeout) {
        return waits.snapshotCompleted(snapshotId, timeout);
    }

    @Override
    public void deleteSnapshot(String snapshotId) {
        Ec2Errors.run("DeleteSnapshot " + snapshotId, () -> client.get().deleteSnapshot(b -> b.snapshotId(snapshotId)));
    }

    @Override
    public void createTags(Collection<String> resourceIds, Map<String, String> tags) {
        Ec2Errors.run("CreateTags " + resourceIds, () -> client.get()
                .createTags(b -> b.resources(resourceIds).tags(Ec2Mapping.tagList(tags))));
    }

    @Override
    public void deleteTags(Collection<String> resourceIds, Collection<String> keys) {
        Ec2Errors.run("DeleteTags " + resourceIds, () -> client.get()
                .deleteTags(b -> b.resources(resourceIds).tags(Ec2Mapping.tagKeys(keys))));
    }

    @Override
    public boolean permitted(Ec2Action action) {
        return dryRun.permitted(action);
    }

    /** Closes the client if it was ever built; building one only to close it would defeat the laziness. */
    @Override
    public void close() {
        if (client instanceof Lazy<Ec2Client> memoized) {
            Ec2Client built = memoized.ifComputed();
            if (built != null) {
                built.close();
            }
        }
    }
}
