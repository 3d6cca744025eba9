package io.snaptastic.snapshotter;

import java.util.List;
import java.util.Map;

/**
 * A snapshotter resolved against one instance and its userdata: the volumes and tag values a single
 * mount, snapshot or unmount works with, fixed for the whole operation.
 *
 * @param warnings what resolving changed and the user should know (a {@code /dev/sdf1} attached as
 *     {@code /dev/sdf}); shown in the operation's details
 */
public record SnapshotterContext(
        Snapshotter snapshotter,
        String instanceId,
        String availabilityZone,
        Map<String, Object> userdata,
        List<VolumeSpec> volumes,
        Map<String, String> filterTags,
        List<String> warnings) {

    public SnapshotterContext {
        userdata = Map.copyOf(userdata);
        volumes = List.copyOf(volumes);
        // Kept in configured order, so requests and descriptions come out the same every time.
        filterTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filterTags));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A context nothing was changed in. */
    public SnapshotterContext(Snapshotter snapshotter, String instanceId, String availabilityZone,
            Map<String, Object> userdata, List<VolumeSpec> volumes, Map<String, String> filterTags) {
        this(snapshotter, instanceId, availabilityZone, userdata, volumes, filterTags, List.of());
    }

    public String name() {
        return snapshotter.name();
    }
}
