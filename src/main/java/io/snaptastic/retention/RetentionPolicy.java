package io.snaptastic.retention;

import io.snaptastic.ec2.Snapshot;
import io.snaptastic.retention.RetentionDecision.Reason;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.Retention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which of a snapshotter's snapshots to delete: per mount point, the {@code keep-last} newest
 * completed ones stay, older ones go once their {@code expires} tag (or, without one, {@code max-age})
 * has passed. Whatever those rules say, it never deletes a snapshot that is not managed, the newest
 * completed snapshot of a mount point, a pending one, or one an attached volume was created from.
 */
public final class RetentionPolicy {

    private static final Comparator<Snapshot> NEWEST_FIRST = Comparator.comparing(
            Snapshot::startTime, Comparator.nullsLast(Comparator.reverseOrder()));

    private final String snapshotter;
    private final Retention retention;

    public RetentionPolicy(String snapshotter, Retention retention) {
        this.snapshotter = snapshotter;
        this.retention = retention;
    }

    /**
     * @param snapshots the snapshots that match the snapshotter's filter tags and mount points
     * @param inUse ids of snapshots that an attached volume was created from
     * @return one decision per snapshot, grouped by mount point, newest first
     */
    public List<RetentionDecision> decide(List<Snapshot> snapshots, Set<String> inUse, Instant now) {
        Map<String, List<Snapshot>> byMountPoint = new LinkedHashMap<>();
        snapshots.stream().sorted(NEWEST_FIRST).forEach(snapshot -> byMountPoint
                .computeIfAbsent(String.valueOf(snapshot.tags().get(ResourceTags.MOUNT_POINT)), k -> new ArrayList<>())
                .add(snapshot));
        List<RetentionDecision> decisions = new ArrayList<>();
        byMountPoint.values().forEach(group -> decideGroup(group, inUse, now, decisions));
        return decisions;
    }

    private void decideGroup(List<Snapshot> newestFirst, Set<String> inUse, Instant now, List<RetentionDecision> decisions) {
        int completed = 0;
        for (Snapshot snapshot : newestFirst) {
            boolean isCompleted = Snapshot.COMPLETED.equals(snapshot.state());
            if (isCompleted) {
                completed++;
            }
            Optional<Reason> protection = protection(snapshot, isCompleted && completed == 1, inUse);
            if (protection.isPresent()) {
                decisions.add(RetentionDecision.keep(snapshot, protection.get()));
            } else if (isCompleted && completed <= retention.keepLast()) {
                decisions.add(RetentionDecision.keep(snapshot, Reason.KEEP_LAST));
            } else {
                decisions.add(expiry(snapshot, now));
            }
        }
    }

    private Optional<Reason> protection(Snapshot snapshot, boolean newestCompleted, Set<String> inUse) {
        Map<String, String> tags = snapshot.tags();
        String owner = tags.get(ResourceTags.SNAPSHOTTER);
        boolean managed = ResourceTags.isManaged(tags);
        // The Python snaptastic wrote neither tag; only those snapshots may be adopted.
        boolean legacy = !tags.containsKey(ResourceTags.MANAGED) && owner == null;
        if (!managed && !(legacy && retention.adoptLegacy())) {
            return Optional.of(Reason.NOT_MANAGED);
        }
        if (owner != null && !owner.equals(snapshotter)) {
            return Optional.of(Reason.OTHER_SNAPSHOTTER);
        }
        if (newestCompleted) {
            return Optional.of(Reason.NEWEST_COMPLETED);
        }
        if (inUse.contains(snapshot.id())) {
            return Optional.of(Reason.IN_USE);
        }
        if (Snapshot.PENDING.equals(snapshot.state())) {
            return Optional.of(Reason.PENDING);
        }
        return Optional.empty();
    }

    private RetentionDecision expiry(Snapshot snapshot, Instant now) {
        Optional<Instant> expires = ResourceTags.parse(snapshot.tags().get(ResourceTags.EXPIRES));
        if (expires.isPresent()) {
            // The expires tag was written with the retention in force when the snapshot was taken.
            return expires.get().isAfter(now)
                    ? RetentionDecision.keep(snapshot, Reason.NOT_EXPIRED)
                    : RetentionDecision.delete(snapshot, Reason.EXPIRED);
        }
        if (snapshot.startTime() == null || snapshot.startTime().plus(retention.maxAge()).isAfter(now)) {
            return RetentionDecision.keep(snapshot, Reason.NOT_EXPIRED);
        }
        return RetentionDecision.delete(snapshot, Reason.OLDER_THAN_MAX_AGE);
    }
}
