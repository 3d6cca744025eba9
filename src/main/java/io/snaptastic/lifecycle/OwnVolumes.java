package io.snaptastic.lifecycle;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.MountTable;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes volumes that this agent created on this instance and that nothing uses: the one
 * removal path of the start-up reconciler and the reaper. It only ever deletes a volume tagged
 * {@code snaptastic:managed=true} with this instance's id, never one that is mounted here or attached
 * to another instance, and forces a detach only of an attachment that never completed.
 */
public class OwnVolumes {

    private static final Logger log = LoggerFactory.getLogger(OwnVolumes.class);

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
        Map<String, List<String>> filters = ResourceTags.managedVolumeFilters(instance.instanceId(), snapshotter);
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
     * Whether nothing uses the volume, the one definition the reaper and the reconciler share: detached
     * ({@code available}) and not tagged retained, or attached only to this instance by an attachment
     * that never completed ({@code attaching}: a volume stuck there holds nothing that was ever written
     * on this host). Whether it is ours, and not mounted, {@link #release} checks again.
     */
    public boolean unused(Volume volume) {
        return unused(volume, instance.instanceId());
    }

    static boolean unused(Volume volume, String instanceId) {
        if (ResourceTags.isRetained(volume.tags())) {
            return false;
        }
        if (volume.attachments().isEmpty()) {
            return "available".equals(volume.state());
        }
        return volume.attachments().stream().allMatch(a -> instanceId.equals(a.instanceId()) && "attaching".equals(a.state()));
    }

    /**
     * Whether the volume is attached only here, by attachments that completed, and no configured mount
     * point uses it: it may hold data no snapshot has, so it is kept ({@link #retain}) and only detached.
     */
    public boolean unconfigured(Volume volume, ConfiguredMountPoints configured) {
        return unconfigured(volume, instance.instanceId(), configured);
    }

    static boolean unconfigured(Volume volume, String instanceId, ConfiguredMountPoints configured) {
        return !volume.attachments().isEmpty() && !configured.mayUse(volume)
                && volume.attachments().stream().allMatch(a -> instanceId.equals(a.instanceId()) && "attached".equals(a.state()));
    }

    /**
     * Detaches (from this instance) and deletes the volume unless it is not ours, mounted here, or
     * attached elsewhere.
     *
     * @return what was done, for a person
     */
    public String release(Volume volume) {
        Optional<String> left = left(volume);
        if (left.isPresent()) {
            return left.get();
        }
        detachHere(volume);
        ec2.deleteVolume(volume.id());
        return (volume.attachments().isEmpty() ? "deleted " : "detached and deleted ") + volume.id();
    }

    /**
     * Detaches the volume from this instance, without deleting it, unless it is not ours, mounted here,
     * or attached elsewhere. A completed attachment is never forced (see the private detach below).
     *
     * @return what was done, for a person
     */
    public String detach(Volume volume) {
        Optional<String> left = left(volume);
        if (left.isPresent()) {
            return left.get();
        }
        detachHere(volume);
        return "detached " + volume.id();
    }

    private Optional<String> left(Volume volume) {
        if (!ours(volume)) {
            return Optional.of(volume.id() + " left: not created by this agent on this instance");
        }
        for (Volume.Attachment attachment : volume.attachments()) {
            if (!instance.instanceId().equals(attachment.instanceId())) {
                return Optional.of(volume.id() + " left: attached to " + attachment.instanceId());
            }
            if (mountedHere(volume.id(), attachment.device())) {
                return Optional.of(volume.id() + " left: it is mounted");
            }
        }
        return Optional.empty();
    }

    private void detachHere(Volume volume) {
        for (Volume.Attachment attachment : volume.attachments()) {
            detach(volume.id(), instance.instanceId(), attachment.device());
        }
        if (!"available".equals(volume.state()) || !volume.attachments().isEmpty()) {
            ec2.awaitVolumeAvailable(volume.id(), timeouts.volumeAvailable());
        }
    }

    /**
     * A normal detach first; Force only once that was refused (IncorrectState) or did not finish, and
     * only while EC2 still says the attachment is {@code attaching}: one that never completed never
     * showed a device, so nothing on it was ever mounted. EC2 refuses a normal detach of such a volume
     * (the sandbox too); the DetachVolume API reference keeps Force for "if the previous detachment
     * attempt did not occur cleanly", as "a last resort", since it "can lead to data loss or a
     * corrupted file system". An attached volume that does not detach is left for the next pass.
     */
    private void detach(String volumeId, String instanceId, String device) {
        try {
            ec2.detachVolume(volumeId, instanceId, device, false);
            ec2.awaitDetached(volumeId, timeouts.detached());
        } catch (Ec2Exception.Conflict | Ec2Exception.WaitFailed e) {
            if (!stuckAttaching(volumeId, instanceId)) {
                throw e;
            }
            log.warn("{} is stuck attaching and refused a normal detach ({}); forcing the detach", volumeId, e.getMessage());
            ec2.detachVolume(volumeId, instanceId, device, true);
            ec2.awaitDetached(volumeId, timeouts.detached());
        }
    }

    /** Whether EC2 says, now, that the volume's attachment to the instance has never completed. */
    public boolean stuckAttaching(String volumeId, String instanceId) {
        return ec2.findVolume(volumeId).stream().flatMap(v -> v.attachments().stream())
                .anyMatch(a -> instanceId.equals(a.instanceId()) && "attaching".equals(a.state()));
    }

    /** Whether any attachment of the volume is mounted on this host. */
    public boolean mounted(Volume volume) {
        return volume.attachments().stream().anyMatch(a -> mountedHere(volume.id(), a.device()));
    }

    /** Tags the volume retained, with why and since when, so that the reaper leaves it for the operator. */
    public void retain(Volume volume, RetainedReason reason) {
        retain(volume, reason, Instant.now());
    }

    /** Tags the volume retained, with why and when (ISO-8601, UTC), in one call. */
    public void retain(Volume volume, RetainedReason reason, Instant at) {
        ec2.createTags(List.of(volume.id()), ResourceTags.retained(reason, at));
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
