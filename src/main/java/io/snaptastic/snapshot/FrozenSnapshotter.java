package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.host.Freezer;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes the target filesystems together, makes the snapshots, and thaws the moment EC2 answers: a
 * snapshot's point in time is its request, not its completion. Nothing is ever waited out while
 * frozen: after a refusal it thaws, waits (for a volume's 15 s window, or a jittered backoff for
 * throttling), then freezes and asks again for the volumes still without a snapshot.
 */
public class FrozenSnapshotter {

    private static final Logger log = LoggerFactory.getLogger(FrozenSnapshotter.class);

    private final Ec2 ec2;
    private final FreezeRound round;
    private final Backoff backoff;
    private final SnapshotPacing pacing;
    private final Sleeper sleeper;
    private final FreshSnapshotTagger tagger;

    public FrozenSnapshotter(Ec2 ec2, Freezer freezer, Backoff backoff, SnapshotPacing pacing, Sleeper sleeper) {
        this.ec2 = ec2;
        this.round = new FreezeRound(ec2, freezer);
        this.backoff = backoff;
        this.pacing = pacing;
        this.sleeper = sleeper;
        this.tagger = new FreshSnapshotTagger(ec2, sleeper, pacing.tagRetry());
    }

    /**
     * The snapshots by volume id, why a volume has none, the tags a made snapshot lacks (by volume id),
     * and how long the filesystems were frozen in all (0 when none was).
     */
    public record Result(
            Map<String, Snapshot> byVolumeId, Map<String, RuntimeException> failures, Map<String, String> warnings,
            long freezeMillis) {}

    Result snapshot(SnapshotterContext context, List<SnapshotTarget> targets, Collection<String> excluded, Clock clock) {
        Set<String> wanted = targets.stream().map(SnapshotTarget::volumeId).collect(Collectors.toSet());
        Progress progress = new Progress();
        RateWindow window = new RateWindow(ec2, pacing.perVolumeInterval());
        List<SnapshotTarget> pending = targets;
        while (!pending.isEmpty()) {
            FreezeRound.Made made = round.run(context, pending, progress.leftOut(excluded), clock);
            deleteUninvited(made.snapshots(), wanted);
            List<SnapshotTarget> again = progress.record(made, pending, wanted);
            pending = !again.isEmpty() && waitedThawed(context, again, made, window, progress, clock) ? again : List.of();
        }
        Map<String, String> warnings = fixMountPointTags(context, targets, progress.made);
        return new Result(progress.made, progress.failures, warnings, progress.freezeMillis);
    }

    /**
     * Waits before EC2 is asked again for the throttled volumes (their filesystems are thawed: the round
     * closed its freeze): until their 15 s windows have passed, or a jittered backoff for other
     * throttling. False, without waiting, once the waiting allowed is spent.
     */
    private boolean waitedThawed(SnapshotterContext context, List<SnapshotTarget> again, FreezeRound.Made made, RateWindow window,
            Progress progress, Clock clock) {
        RuntimeException refusal = made.refused().get(again.get(0).volumeId());
        boolean rate = again.stream().anyMatch(t -> made.refused().get(t.volumeId()) instanceof Ec2Exception.SnapshotRateExceeded);
        Duration pause = rate ? window.remaining(ids(again), clock) : backoff.delay(++progress.throttled);
        boolean spent = rate ? progress.waited.plus(pause).compareTo(pacing.maxRateWait()) > 0 : progress.throttled >= backoff.attempts();
        if (spent) {
            log.warn("EC2 still refuses to snapshot {} of {} after {} s of waiting; giving up", ids(again), context.name(),
                    progress.waited.toSeconds());
            return false;
        }
        log.info("EC2 refused to snapshot {} of {} yet ({}); thawed, asking again in {} ms", ids(again), context.name(),
                refusal.getMessage(), pause.toMillis());
        sleeper.sleep(pause);
        progress.waited = progress.waited.plus(pause);
        again.forEach(t -> progress.failures.remove(t.volumeId()));
        return true;
    }

    /**
     * CreateSnapshots snapshots whatever the instance has attached when EC2 takes the request: a volume
     * attached after our DescribeInstances gets a snapshot with our managed tags and its own. Delete it at
     * once rather than leave a snapshot that looks like one of ours but belongs to no snapshotter.
     */
    private void deleteUninvited(Map<String, Snapshot> snapshots, Set<String> wanted) {
        snapshots.forEach((volumeId, snapshot) -> {
            if (wanted.contains(volumeId)) {
                return;
            }
            try {
                ec2.deleteSnapshot(snapshot.id());
                log.warn("CreateSnapshots also snapshotted {}, attached after the instance was read; deleted {}", volumeId,
                        snapshot.id());
            } catch (Ec2Exception e) {
                log.error("CreateSnapshots also snapshotted {}, attached after the instance was read; could not delete {}: "
                        + "delete it by hand", volumeId, snapshot.id(), e);
            }
        });
    }

    /**
     * CreateSnapshots copies each volume's tags, mount_point among them. A volume that lacked the tag
     * (attached by hand, say) would leave a snapshot no restore finds: tag those after the thaw. A
     * failure leaves the snapshot made and says which tags it lacks.
     */
    private Map<String, String> fixMountPointTags(SnapshotterContext context, List<SnapshotTarget> targets,
            Map<String, Snapshot> byVolume) {
        Map<String, String> warnings = new HashMap<>();
        for (SnapshotTarget target : targets) {
            Snapshot snapshot = byVolume.get(target.volumeId());
            String mountPoint = target.volume().mountPoint();
            if (snapshot != null && !mountPoint.equals(snapshot.tags().get(ResourceTags.MOUNT_POINT))) {
                Map<String, String> tags = ResourceTags.selecting(context, mountPoint);
                tagger.tag(snapshot.id(), tags).ifPresent(why -> warnings.put(target.volumeId(), "snapshot " + snapshot.id()
                        + " lacks the tags " + String.join(", ", new TreeSet<>(tags.keySet()))
                        + ", so no restore finds it; " + why));
            }
        }
        return warnings;
    }

    private static List<String> ids(List<SnapshotTarget> targets) {
        return targets.stream().map(SnapshotTarget::volumeId).toList();
    }

    /** What the rounds so far made and were refused, and how long they froze and waited. */
    private static final class Progress {
        final Map<String, Snapshot> made = new HashMap<>();
        final Map<String, RuntimeException> failures = new HashMap<>();
        Duration waited = Duration.ZERO;
        long freezeMillis;
        int throttled;

        /** A volume snapshotted in an earlier round is left out of a later CreateSnapshots. */
        List<String> leftOut(Collection<String> excluded) {
            Set<String> leftOut = new TreeSet<>(excluded);
            leftOut.addAll(made.keySet());
            return List.copyOf(leftOut);
        }

        /** Keeps the round's snapshots of wanted volumes and its refusals; the throttled targets, to ask again. */
        List<SnapshotTarget> record(FreezeRound.Made round, List<SnapshotTarget> pending, Set<String> wanted) {
            freezeMillis += round.freezeMillis();
            round.snapshots().forEach((volumeId, snapshot) -> {
                if (wanted.contains(volumeId)) {
                    made.put(volumeId, snapshot);
                }
            });
            List<SnapshotTarget> again = new ArrayList<>();
            for (SnapshotTarget target : pending) {
                RuntimeException refusal = round.refused().get(target.volumeId());
                if (refusal != null) {
                    failures.put(target.volumeId(), refusal);
                }
                if (refusal instanceof Ec2Exception.Throttled) {
                    again.add(target);
                }
            }
            return again;
        }
    }

    /** Jittered exponential backoff between attempts of a snapshot EC2 throttled (RequestLimitExceeded). */
    public record Backoff(int attempts, Duration base, Duration cap) {

        public static final Backoff DEFAULT = new Backoff(5, Duration.ofMillis(250), Duration.ofSeconds(8));

        Duration delay(int attempt) {
            long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(base.toMillis(), Math.max(base.toMillis() + 1, ceiling + 1)));
        }
    }
}
