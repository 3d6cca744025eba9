package io.snaptastic.ec2;

import io.snaptastic.instance.InstanceIdentity;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * Asks EC2 whether the credentials may make a call, by making it with {@code DryRun}. The arguments
 * are the smallest plausible ones: this instance where EC2 needs an instance (so the check matches
 * what the agent will do), and well-formed placeholder ids where it needs a volume or snapshot.
 */
final class DryRunProbe {

    private static final Logger log = LoggerFactory.getLogger(DryRunProbe.class);
    static final String PLACEHOLDER_VOLUME = "vol-00000000000000000";
    static final String PLACEHOLDER_SNAPSHOT = "snap-00000000000000000";
    private static final String PLACEHOLDER_DEVICE = "/dev/sdz";
    /** The create calls carry the tag the real ones do, so a policy conditioned on it answers alike. */
    private static final Map<String, String> MANAGED = Map.of("snaptastic:managed", "true");

    private final Supplier<Ec2Client> client;
    private final InstanceIdentity identity;

    DryRunProbe(Supplier<Ec2Client> client, InstanceIdentity identity) {
        this.client = client;
        this.identity = identity;
    }

    boolean permitted(Ec2Action action) {
        String operation = "DryRun " + action;
        try {
            call(client.get(), action);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if ("DryRunOperation".equals(code)) {
                return true;
            }
            // EC2 refuses with UnauthorizedOperation (EC2 API reference, "DryRun"); moto_server, which checks IAM
            // before it looks at DryRun, with AccessDenied (moto/iam/access_control.py, AccessDeniedError).
            if ("UnauthorizedOperation".equals(code) || "AccessDenied".equals(code)) {
                return false;
            }
            throw Ec2Errors.translate(operation, e);
        } catch (SdkException e) {
            throw Ec2Errors.translate(operation, e);
        }
        // Real EC2 never answers a DryRun with success; an emulator that ignores the flag made the call,
        // which the credentials were evidently allowed to make.
        log.warn("{}: the endpoint answered without DryRunOperation, so it ignores the DryRun flag", operation);
        return true;
    }

    private void call(Ec2Client ec2, Ec2Action action) {
        switch (action) {
            case DESCRIBE_INSTANCES -> ec2.describeInstances(b -> b.dryRun(true).maxResults(5));
            case DESCRIBE_VOLUMES -> ec2.describeVolumes(b -> b.dryRun(true).maxResults(5));
            case DESCRIBE_SNAPSHOTS -> ec2.describeSnapshots(b -> b.dryRun(true).ownerIds("self").maxResults(5));
            // Tags in a create call are authorized as ec2:CreateTags with ec2:CreateAction=CreateVolume (EC2 user
            // guide, "Grant permission to tag resources during creation"), so this one call answers for both: a policy
            // that allows CreateTags only on create refuses a CreateTags call on any existing resource.
            case CREATE_VOLUME, CREATE_TAGS -> ec2.createVolume(b -> b.dryRun(true)
                    .availabilityZone(identity.availabilityZone())
                    .size(1)
                    .volumeType(VolumeType.GP3)
                    .tagSpecifications(Ec2Mapping.tagSpecifications(ResourceType.VOLUME, MANAGED)));
            case ATTACH_VOLUME -> ec2.attachVolume(b -> b.dryRun(true)
                    .volumeId(PLACEHOLDER_VOLUME)
                    .instanceId(identity.instanceId())
                    .device(PLACEHOLDER_DEVICE));
            case DETACH_VOLUME -> ec2.detachVolume(b -> b.dryRun(true).volumeId(PLACEHOLDER_VOLUME));
            case DELETE_VOLUME -> ec2.deleteVolume(b -> b.dryRun(true).volumeId(PLACEHOLDER_VOLUME));
            case CREATE_SNAPSHOTS -> ec2.createSnapshots(b -> b.dryRun(true)
                    .instanceSpecification(s -> s.instanceId(identity.instanceId()).excludeBootVolume(true))
                    .tagSpecifications(Ec2Mapping.tagSpecifications(ResourceType.SNAPSHOT, MANAGED)));
            case CREATE_SNAPSHOT -> ec2.createSnapshot(b -> b.dryRun(true).volumeId(PLACEHOLDER_VOLUME)
                    .tagSpecifications(Ec2Mapping.tagSpecifications(ResourceType.SNAPSHOT, MANAGED)));
            case DELETE_SNAPSHOT -> ec2.deleteSnapshot(b -> b.dryRun(true).snapshotId(PLACEHOLDER_SNAPSHOT));
            case MODIFY_INSTANCE_ATTRIBUTE -> ec2.modifyInstanceAttribute(b -> b.dryRun(true)
                    .instanceId(identity.instanceId())
                    .blockDeviceMappings(Ec2Mapping.deleteOnTermination(PLACEHOLDER_DEVICE, true)));
        }
    }
}
