package io.snaptastic.lifecycle;

import io.snaptastic.ec2.Volume;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.VolumeSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mount points each configured snapshotter uses on this instance, as the registry and the
 * instance's userdata say now, and the snapshotters whose volumes could not be resolved (userdata
 * unreadable or invalid): a volume of one of those may be in use, so it counts as used.
 *
 * @param mountPoints by snapshotter name, its volumes' mount points
 * @param unresolved the snapshotters whose volumes are unknown
 */
public record ConfiguredMountPoints(Map<String, Set<String>> mountPoints, Set<String> unresolved) {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredMountPoints.class);

    public ConfiguredMountPoints {
        mountPoints = Map.copyOf(mountPoints);
        unresolved = Set.copyOf(unresolved);
    }

    /** Resolves every registered snapshotter for this instance; one that fails to resolve is unresolved. */
    public static ConfiguredMountPoints read(SnapshotterRegistry registry, SnapshotterResolver resolver) {
        Map<String, Set<String>> mountPoints = new HashMap<>();
        Set<String> unresolved = new HashSet<>();
        for (Snapshotter snapshotter : registry.all()) {
            try {
                mountPoints.put(snapshotter.name(), resolver.resolve(snapshotter.name(), null).volumes().stream()
                        .map(VolumeSpec::mountPoint).collect(Collectors.toSet()));
            } catch (RuntimeException e) {
                log.debug("Volumes of snapshotter {} unknown; its attached volumes are left alone ({})", snapshotter.name(),
                        e.getMessage());
                unresolved.add(snapshotter.name());
            }
        }
        return new ConfiguredMountPoints(mountPoints, unresolved);
    }

    /** Whether a configured mount point uses the volume by its snapshotter and mount point tags, or may. */
    public boolean mayUse(Volume volume) {
        String snapshotter = volume.tags().get(ResourceTags.SNAPSHOTTER);
        String mountPoint = volume.tags().get(ResourceTags.MOUNT_POINT);
        if (snapshotter == null) {
            return false;
        }
        return unresolved.contains(snapshotter)
                || mountPoint != null && mountPoints.getOrDefault(snapshotter, Set.of()).contains(mountPoint);
    }
}
