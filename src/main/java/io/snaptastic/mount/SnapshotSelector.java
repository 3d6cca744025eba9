package io.snaptastic.mount;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.ResourceTags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the snapshot a volume is restored from: the newest by start time whose tags match. A newer
 * one still pending is waited for, up to the snapshotter's pending-snapshot wait; after that the newest
 * completed one is restored, with a warning, since an older backup restored now beats a boot that hangs
 * on a snapshot EBS may take hours to finish. An {@code error} snapshot is skipped, never chosen (the
 * seed let it block the restore). No match means a fresh volume (the seed aborted instead).
 */
public class SnapshotSelector {

    private final Ec2 ec2;
    private final Clock clock;

    public SnapshotSelector(Ec2 ec2, Clock clock) {
        this.ec2 = ec2;
        this.clock = clock;
    }

    /** The snapshot to restore from, and a warning when it is not the newest one. */
    public record Choice(Snapshot snapshot, String warning) {}

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
     * The newest usable snapshot: the newest completed one, or a newer pending one that completes within
     * {@code wait} (one that turns to error while we wait is skipped for the next). Empty when there is none.
     *
     * @throws Ec2Exception.WaitFailed when a pending snapshot does not complete within {@code wait} and no
     *     completed one is left to restore instead: a fresh, empty volume would hide the pending backup
     */
    public Optional<Choice> choose(List<Snapshot> candidates, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        for (int i = 0; i < candidates.size(); i++) {
            Snapshot candidate = candidates.get(i);
            if (Snapshot.COMPLETED.equals(candidate.state())) {
                return Optional.of(new Choice(candidate, null));
            }
            Duration left = Duration.between(clock.instant(), deadline);
            try {
                if (!left.isNegative() && !left.isZero()) {
                    return Optional.of(new Choice(ec2.awaitSnapshotCompleted(candidate.id(), left), null));
                }
            } catch (Ec2Exception.WaitFailed e) {
                if (ec2.findSnapshot(candidate.id()).map(s -> Snapshot.ERROR.equals(s.state())).orElse(true)) {
                    continue; // turned to error (or was deleted) while we waited: the next one
                }
            }
            return Optional.of(olderCompleted(candidates.subList(i + 1, candidates.size()), candidate, wait));
        }
        return Optional.empty();
    }

    private static Choice olderCompleted(List<Snapshot> older, Snapshot pending, Duration wait) {
        Snapshot completed = older.stream().filter(s -> Snapshot.COMPLETED.equals(s.state())).findFirst()
                .orElseThrow(() -> new Ec2Exception.WaitFailed("snapshot " + pending.id() + " was still pending after "
                        + wait + " and no older completed snapshot matches"));
        return new Choice(completed, "restored " + completed.id() + " (started " + completed.startTime()
                + "), the newest completed snapshot: the newer " + pending.id() + " (started " + pending.startTime()
                + ") was still pending after " + wait);
    }
}
