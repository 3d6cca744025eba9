package io.snaptastic.mount;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.ResourceTags;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the snapshot a volume is restored from: the newest by start time whose tags match, waiting
 * for it when it is still pending; an {@code error} snapshot is skipped, never chosen (the seed let it
 * block the restore). No match means a fresh volume (the seed aborted instead).
 */
public class SnapshotSelector {

    private final Ec2 ec2;

    public SnapshotSelector(Ec2 ec2) {
        this.ec2 = ec2;
    }

    /** The candidates for one mount point, newest first, without those in error. */
    public static List<Snapshot> candidates(List<Snapshot> snapshots, String mountPoint, Map<String, String> filterTags) {
        return snapshots.stream()
                .filter(s -> mountPoint.equals(s.tags().get(ResourceTags.MOUNT_POINT)))
                .filter(s -> filterTags.entrySet().stream().allMatch(t -> t.getValue().equals(s.tags().get(t.getKey()))))
                .filter(s -> !Snapshot.ERROR.equals(s.state()))
                .sorted(Comparator.comparing(Snapshot::startTime, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /**
     * The newest usable snapshot: the newest completed one, or the newest pending one once it has
     * completed. One that turns to error while we wait is skipped for the next.
     *
     * @throws Ec2Exception.WaitFailed when a pending snapshot does not complete within {@code wait}
     */
    public Optional<Snapshot> choose(List<Snapshot> candidates, Duration wait) {
        for (Snapshot candidate : candidates) {
            if (Snapshot.COMPLETED.equals(candidate.state())) {
                return Optional.of(candidate);
            }
            try {
                return Optional.of(ec2.awaitSnapshotCompleted(candidate.id(), wait));
            } catch (Ec2Exception.WaitFailed e) {
                if (!ec2.findSnapshot(candidate.id()).map(s -> Snapshot.ERROR.equals(s.state())).orElse(true)) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }
}
