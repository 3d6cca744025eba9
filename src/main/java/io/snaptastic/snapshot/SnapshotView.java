package io.snaptastic.snapshot;

import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.ResourceTags;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The snapshots of one mount point, newest first, as {@code GET /snapshots} shows them. */
public record SnapshotView(String mountPoint, List<Item> snapshots) {

    /** One snapshot; {@code managed} says whether this agent may ever delete it. */
    public record Item(String id, String volumeId, String state, String progress, int sizeGib, Instant startTime,
            String description, boolean managed, Map<String, String> tags) {

        static Item of(Snapshot snapshot) {
            return new Item(snapshot.id(), snapshot.volumeId(), snapshot.state(), snapshot.progress(), snapshot.volumeSizeGib(),
                    snapshot.startTime(), snapshot.description(), ResourceTags.isManaged(snapshot.tags()),
                    new java.util.TreeMap<>(snapshot.tags()));
        }
    }
}
