package io.snaptastic.ec2;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 calls the agent makes, in domain verbs. The one adapter on the AWS SDK translates every
 * AWS error code into an {@link Ec2Exception} subtype; no SDK type crosses this interface.
 */
public interface Ec2 {

    /**
     * The most volume ids CreateSnapshots takes in InstanceSpecification.ExcludeDataVolumeIds (botocore's
     * EC2 model, InstanceSpecification: "You can specify up to 40 volume IDs per request").
     */
    int MAX_EXCLUDED_VOLUMES = 40;

    Volume createVolume(NewVolume request);

    Optional<Volume> findVolume(String volumeId);

    /** Volumes matching every filter (EC2 filter names, such as {@code tag:role} or {@code status}). */
    List<Volume> describeVolumes(Map<String, List<String>> filters);

    void attachVolume(String volumeId, String instanceId, String device);

    void detachVolume(String volumeId, String instanceId, String device, boolean force);

    void deleteVolume(String volumeId);

    /** Waits until the volume is {@code available}; a NotFound right after its creation is retried. */
    Volume awaitVolumeAvailable(String volumeId, Duration timeout);

    /**
     * Waits until the volume's attachment to the instance is {@code attached}.
     *
     * @param stuckAttaching how long the attachment may stay {@code attaching} before the wait gives up
     * @throws Ec2Exception.AttachmentStuck when it stayed attaching that long
     */
    Volume awaitAttached(String volumeId, String instanceId, Duration timeout, Duration stuckAttaching);

    /** Waits until the volume has no attachment (or no longer exists). */
    void awaitDetached(String volumeId, Duration timeout);

    Instance describeInstance(String instanceId);

    /**
     * Sets the DeleteOnTermination flag of the volume in the instance's block device mapping. The
     * mapping's own device name is used: some AMIs report {@code /dev/sdf} as {@code /dev/xvdf}.
     *
     * @throws Ec2Exception.NotFound when the volume is not in the instance's block device mapping
     */
    void setDeleteOnTermination(String instanceId, String volumeId, boolean deleteOnTermination);

    /**
     * One multi-volume snapshot of the instance's data volumes (CreateSnapshots), all at one point in
     * time. The boot volume and every volume in {@code excludedVolumeIds} are left out. Each snapshot
     * gets its volume's tags and {@code tags}. Throttling is not retried here: the caller holds a
     * freeze, and must thaw before it waits.
     *
     * @throws Ec2Exception.Unsupported when the account or the endpoint refuses CreateSnapshots
     * @throws Ec2Exception.Throttled at once, without retries
     * @throws Ec2Exception.SnapshotRateExceeded when a volume had a snapshot started within EC2's window
     * @throws Ec2Exception.InvalidRequest with more than {@link #MAX_EXCLUDED_VOLUMES} excluded volumes
     */
    List<Snapshot> createSnapshots(
            String instanceId, Collection<String> excludedVolumeIds, String description, Map<String, String> tags);

    /** One snapshot of one volume; like {@link #createSnapshots}, throttling is not retried here. */
    Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags);

    /** The account's own snapshots (OwnerIds self) matching every filter; all pages. */
    List<Snapshot> describeSnapshots(Map<String, List<String>> filters);

    Optional<Snapshot> findSnapshot(String snapshotId);

    /** Waits until the snapshot is {@code completed}; fails early when it turns {@code error}. */
    Snapshot awaitSnapshotCompleted(String snapshotId, Duration timeout);

    void deleteSnapshot(String snapshotId);

    void createTags(Collection<String> resourceIds, Map<String, String> tags);

    void deleteTags(Collection<String> resourceIds, Collection<String> keys);

    /** Asks EC2, by a DryRun call, whether the credentials may make this call. */
    boolean permitted(Ec2Action action);
}
