package io.snaptastic.mount;

import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.Mounter;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.VolumeSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What is already in place for a volume before a mount touches it: attached, mounted, or in the way.
 * This is what makes a mount idempotent, and what keeps it from mounting over someone else's data.
 */
public class MountState {

    private final Mounter mounter;
    private final DeviceResolver resolver;

    public MountState(Mounter mounter, DeviceResolver resolver) {
        this.mounter = mounter;
        this.resolver = resolver;
    }

    /** How a volume stands. */
    public enum Kind {
        NEW,
        ATTACHED,
        ALREADY_MOUNTED,
        SKIPPED,
        BLOCKED
    }

    /** The finding for one volume; {@code volume} is the EBS volume attached at its device, if any. */
    public record Found(Kind kind, Optional<Volume> volume, String reason) {}

    public Found find(SnapshotterContext context, VolumeSpec spec, Attachments attachments, MountOptions options) {
        Optional<Volume> attached = attachments.at(spec.device());
        Optional<MountEntry> mounted = mounter.mountedAt(spec.mountPoint());
        if (attached.isPresent()) {
            Volume volume = attached.get();
            if (!belongs(volume, context, spec)) {
                return new Found(Kind.BLOCKED, attached, "device " + spec.device() + " is taken by " + volume.id()
                        + ", which is not this snapshotter's volume for " + spec.mountPoint());
            }
            if (mounted.isEmpty()) {
                return new Found(Kind.ATTACHED, attached, null);
            }
            Optional<Path> device = resolver.resolve(volume.id(), spec.device());
            if (device.isPresent() && sameDevice(mounted.get().source(), device.get())) {
                return new Found(Kind.ALREADY_MOUNTED, attached, null);
            }
        }
        if (mounted.isPresent()) {
            return options.ignoreMounted()
                    ? new Found(Kind.SKIPPED, attached, "mount point is mounted from " + mounted.get().source())
                    : new Found(Kind.BLOCKED, attached, spec.mountPoint() + " is already mounted from " + mounted.get().source()
                            + "; unmount it first, or mount with ignoreMounted");
        }
        return new Found(Kind.NEW, Optional.empty(), null);
    }

    /** A volume is ours when its tags say it holds this snapshotter's mount point (ours or the Python tool's). */
    static boolean belongs(Volume volume, SnapshotterContext context, VolumeSpec spec) {
        Map<String, String> tags = volume.tags();
        return ResourceTags.selecting(context, spec.mountPoint()).entrySet().stream()
                .allMatch(tag -> tag.getValue().equals(tags.get(tag.getKey())));
    }

    static boolean sameDevice(String mountSource, Path device) {
        try {
            return Path.of(mountSource).toRealPath().equals(device.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
