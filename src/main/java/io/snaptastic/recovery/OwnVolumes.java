package io.snaptastic.recovery;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.MountTable;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.snapshotter.ResourceTags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and removes volumes that this agent created on this instance and that nothing uses. It only
 * ever deletes a volume tagged {@code snaptastic:managed=true} with this instance's id, never one that
 * is mounted here or attached to another instance.
 */
public class OwnVolumes {

    private final Ec2 ec2;
    private final InstanceIdentity instance;
    private final MountTable mounts;
    private final DeviceResolver devices;
    private final SnaptasticProperties.Timeouts timeouts;

    // The instance id is asked for when needed, not at start-up: the agent starts without IMDS too.
    public OwnVolumes(Ec2 ec2, InstanceIdentity instance, MountTable mounts, DeviceResolver devices,
            SnaptasticProperties.Timeouts timeouts) {
        this.ec2 = ec2;
        this.instance = instance;
        this.mounts = mounts;
        this.devices = devices;
        this.timeouts = timeouts;
    }

    /** Managed volumes of this instance, optionally of one snapshotter and mount point (null for any). */
    public List<Volume> find(String snapshotter, String mountPoint) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("tag:" + ResourceTags.MANAGED, List.of("true"));
        filters.put("tag:" + ResourceTags.INSTANCE_ID, List.of(instance.instanceId()));
        if (snapshotter != null) {
            filters.put("tag:" + ResourceTags.SNAPSHOTTER, List.of(ResourceTags.literal(snapshotter)));
        }
        if (mountPoint != null) {
            filters.put("tag:" + ResourceTags.MOUNT_POINT, List.of(ResourceTags.literal(mountPoint)));
        }
        return ec2.describeVolumes(filters);
    }

    public Optional<Volume> find(String volumeId) {
        return ec2.findVolume(volumeId);
    }

    /** Whether the volume carries this agent's and this instance's marks. */
    public boolean ours(Volume volume) {
        return ResourceTags.isManaged(volume.tags())
                && instance.instanceId().equals(volume.tags().get(ResourceTags.INSTANCE_ID));
    }

    /**
     * Detaches (from this instance) and deletes the volume unless it is not ours, mounted here, or
     * attached elsewhere.
     *
     * @return what was done, for a person
     */
    public String release(Volume volume) {
        if (!ours(volume)) {
            return volume.id() + " left: not created by this agent on this instance";
        }
        String instanceId = instance.instanceId();
        for (Volume.Attachment attachment : volume.attachments()) {
            if (!instanceId.equals(attachment.instanceId())) {
                return volume.id() + " left: attached to " + attachment.instanceId();
            }
            if (mountedHere(volume.id(), attachment.device())) {
                return volume.id() + " left: it is mounted";
            }
        }
        for (Volume.Attachment attachment : volume.attachments()) {
            ec2.detachVolume(volume.id(), instanceId, attachment.device(), false);
        }
        if (!volume.attachments().isEmpty()) {
            ec2.awaitDetached(volume.id(), timeouts.detached());
        }
        if (!"available".equals(volume.state()) || !volume.attachments().isEmpty()) {
            ec2.awaitVolumeAvailable(volume.id(), timeouts.volumeAvailable());
        }
        ec2.deleteVolume(volume.id());
        return (volume.attachments().isEmpty() ? "deleted " : "detached and deleted ") + volume.id();
    }

    /** Whether any attachment of the volume is mounted on this host. */
    public boolean mounted(Volume volume) {
        return volume.attachments().stream().anyMatch(a -> mountedHere(volume.id(), a.device()));
    }

    /** Tags the volume retained, so that the reaper leaves it for the operator. */
    public void retain(Volume volume) {
        ec2.createTags(List.of(volume.id()), Map.of(ResourceTags.RETAINED, "true"));
    }

    private boolean mountedHere(String volumeId, String device) {
        Optional<Path> path = devices.resolve(volumeId, device);
        if (path.isEmpty()) {
            return false;
        }
        Path real = realPath(path.get().toString());
        return mounts.entries().stream().map(MountEntry::source).map(OwnVolumes::realPath).anyMatch(real::equals);
    }

    private static Path realPath(String path) {
        try {
            return Path.of(path).toRealPath();
        } catch (IOException | RuntimeException e) {
            return Path.of("/nonexistent");
        }
    }

}
