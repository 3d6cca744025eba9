package io.snaptastic.snapshotter;

import java.util.List;
import java.util.Map;

/**
 * A snapshotter resolved against one instance and its userdata: the volumes and tag values a single
 * mount, snapshot or unmount works with, fixed for the whole operation.
 */
public record SnapshotterContext(
        Snapshotter snapshotter,
        String instanceId,
        String availabilityZone,
        Map<String, Object> userdata,
        List<VolumeSpec> volumes,
        Map<String, String> filterTags) {

    public SnapshotterContext {
        userdata = Map.copyOf(userdata);
        volumes = List.copyOf(volumes);
        // Kept in configured order, so requests and descriptions come out the same every time.
        filterTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filterTags));
    }

    public String name() {
        return snapshotter.name();
    }
}
