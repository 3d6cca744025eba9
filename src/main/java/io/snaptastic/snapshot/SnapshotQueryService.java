package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The snapshots that match a snapshotter's tags, per mount point, newest first. */
public class SnapshotQueryService {

    private final Ec2 ec2;

    public SnapshotQueryService(Ec2 ec2) {
        this.ec2 = ec2;
    }

    public Map<String, List<Snapshot>> byMountPoint(SnapshotterContext context) {
        List<Snapshot> all = ec2.describeSnapshots(ResourceTags.snapshotFilters(context));
        Map<String, List<Snapshot>> result = new LinkedHashMap<>();
        context.volumes().forEach(v -> result.put(v.mountPoint(), all.stream()
                .filter(s -> v.mountPoint().equals(s.tags().get(ResourceTags.MOUNT_POINT)))
                .sorted(Comparator.comparing(Snapshot::startTime, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList()));
        return result;
    }
}
