package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the rounds of one make-snapshots so far made and were refused, which volumes had a create call
 * without an answer, and how long they froze and waited.
 */
final class SnapshotProgress {

    final Map<String, Snapshot> made = new HashMap<>();
    final Map<String, RuntimeException> failures = new HashMap<>();
    /** Volumes whose create call got a server error or no answer: EC2 may have made their snapshot. */
    final Set<String> unanswered = new HashSet<>();
    /** Snapshot ids already dealt with (adopted, or deleted as uninvited), so a later look skips them. */
    final Set<String> seen = new HashSet<>();
    Duration waited = Duration.ZERO;
    long freezeMillis;
    int retried;

    /** A volume snapshotted in an earlier round is left out of a later CreateSnapshots. */
    List<String> leftOut(Collection<String> excluded) {
        Set<String> leftOut = new TreeSet<>(excluded);
        leftOut.addAll(made.keySet());
        return List.copyOf(leftOut);
    }

    /** Keeps a snapshot of a wanted volume; false for one already kept or of a volume not wanted. */
    boolean adopt(Snapshot snapshot, Set<String> wanted) {
        seen.add(snapshot.id());
        if (!wanted.contains(snapshot.volumeId()) || made.containsKey(snapshot.volumeId())) {
            return false;
        }
        made.put(snapshot.volumeId(), snapshot);
        failures.remove(snapshot.volumeId());
        return true;
    }

    /**
     * Keeps the round's snapshots of wanted volumes and its refusals; the targets to ask again: those
     * throttled, and those whose call got no answer (unless a later look finds their snapshot).
     */
    List<SnapshotTarget> record(FreezeRound.Made round, List<SnapshotTarget> pending, Set<String> wanted) {
        freezeMillis += round.freezeMillis();
        round.snapshots().values().forEach(snapshot -> adopt(snapshot, wanted));
        List<SnapshotTarget> again = new ArrayList<>();
        for (SnapshotTarget target : pending) {
            RuntimeException refusal = round.refused().get(target.volumeId());
            if (refusal != null) {
                failures.put(target.volumeId(), refusal);
            }
            if (refusal instanceof Ec2Exception.Unavailable) {
                unanswered.add(target.volumeId());
            }
            if (refusal instanceof Ec2Exception.Throttled || refusal instanceof Ec2Exception.Unavailable) {
                again.add(target);
            }
        }
        return again;
    }
}
