package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes the target filesystems together, makes the snapshots, and thaws the moment EC2 answers: a
 * snapshot's point in time is its request, not its completion. Nothing is ever waited out while
 * frozen: after a refusal it thaws, waits (for a volume's 15 s window, or a jittered backoff for
 * throttling and server errors), then freezes and asks again for the volumes still without a snapshot.
 * A call without an answer may have made its snapshots: they are looked for, thawed, before any retry.
 */
public class FrozenSnapshotter {

    private static final Logger log = LoggerFactory.getLogger(FrozenSnapshotter.class);

    private final Ec2 ec2;
    private final FreezeRound round;
    private final Backoff backoff;
    private final SnapshotPacing pacing;
    private final Sleeper sleeper;
    private final FreshSnapshotTagger tagger;
    private final UnansweredSnapshots unansweredSnapshots;
    private final UninvitedSnapshots uninvited;

    /** On a snapshot taken a second time after a lost answer: the id of the one the operation kept. */
    static final String DUPLICATE_OF_TAG = "snaptastic:duplicate-of";

    public FrozenSnapshotter(Ec2 ec2, Freezer freezer, Backoff backoff, SnapshotPacing pacing, Sleeper sleeper) {
        this.ec2 = ec2;
        this.round = new FreezeRound(ec2, freezer);
        this.backoff = backoff;
        this.pacing = pacing;
        this.sleeper = sleeper;
        this.tagger = new FreshSnapshotTagger(ec2, sleeper, pacing.tagRetry());
        this.unansweredSnapshots = new UnansweredSnapshots(ec2, sleeper);
        this.uninvited = new UninvitedSnapshots(ec2);
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
        String operationId = UUID.randomUUID().toString();
        SnapshotProgress progress = new SnapshotProgress();
        RateWindow window = new RateWindow(ec2, pacing.perVolumeInterval());
        List<SnapshotTarget> pending = targets;
        while (!pending.isEmpty()) {
            FreezeRound.Made made = round.run(context, pending, progress.leftOut(excluded), clock, operationId);
            uninvited.delete(made.snapshots().values(), wanted, progress.seen);
            List<SnapshotTarget> again = progress.record(made, pending, wanted);
            again = adoptUnanswered(again, operationId, wanted, progress, pacing.lostAnswerPatience());
            if (!again.isEmpty() && waitedThawed(context, again, made, window, progress, clock)) {
                // The wait gave EC2 more time to show a snapshot whose answer was lost: look once more.
                again = adoptUnanswered(again, operationId, wanted, progress, Duration.ZERO);
            } else {
                again = List.of();
            }
            pending = again;
        }
        settleUnanswered(operationId, wanted, progress);
        Map<String, String> warnings = fixMountPointTags(context, targets, progress.made);
        return new Result(progress.made, progress.failures, warnings, progress.freezeMillis);
    }

    /**
     * For the targets whose create call got no answer, looks (thawed) for the snapshots EC2 made
     * anyway and keeps them; the targets still without one are returned, to be taken again.
     */
    private List<SnapshotTarget> adoptUnanswered(List<SnapshotTarget> again, String operationId, Set<String> wanted,
            SnapshotProgress progress, Duration patience) {
        List<String> unanswered = ids(again).stream().filter(progress.unanswered::contains).toList();
        if (unanswered.isEmpty()) {
            return again;
        }
        List<Snapshot> found = unansweredSnapshots.find(operationId, unanswered, patience).stream()
                .filter(snapshot -> !progress.seen.contains(snapshot.id()))
                .toList();
        uninvited.delete(found, wanted, progress.seen);
        for (Snapshot snapshot : found) {
            if (progress.adopt(snapshot, wanted)) {
                log.info("EC2 made {} of {} although the answer was lost; keeping it", snapshot.id(), snapshot.volumeId());
            }
        }
        return again.stream().filter(t -> !progress.made.containsKey(t.volumeId())).toList();
    }

    /**
     * One last look once the rounds are over, when a call went unanswered. A snapshot that shows up only
     * now is kept when its volume has none (it was made, not lost), deleted when it is of a volume
     * attached behind our back. One whose volume was snapshotted again is a duplicate: harmless next to
     * a missing snapshot, and managed, so retention deletes it in time; tagged so an operator sees which
     * one it duplicates.
     */
    private void settleUnanswered(String operationId, Set<String> wanted, SnapshotProgress progress) {
        if (progress.unanswered.isEmpty()) {
            return;
        }
        List<Snapshot> late = unansweredSnapshots.find(operationId, List.of(), Duration.ZERO).stream()
                .filter(snapshot -> !progress.seen.contains(snapshot.id()))
                .toList();
        uninvited.delete(late, wanted, progress.seen);
        for (Snapshot snapshot : late) {
            Snapshot kept = progress.made.get(snapshot.volumeId());
            if (progress.adopt(snapshot, wanted)) {
                log.info("EC2 made {} of {} although the answer was lost; keeping it", snapshot.id(), snapshot.volumeId());
            } else if (kept != null) {
                log.warn("{} duplicates {} of {}: a lost answer was taken again; retention deletes it", snapshot.id(), kept.id(),
                        snapshot.volumeId());
                tagger.tag(snapshot.id(), Map.of(DUPLICATE_OF_TAG, kept.id()))
                        .ifPresent(why -> log.warn("could not tag the duplicate {}: {}", snapshot.id(), why));
            }
        }
    }

    /**
     * Waits before EC2 is asked again for the throttled volumes (their filesystems are thawed: the round
     * closed its freeze): until their 15 s windows have passed, or a jittered backoff for other
     * throttling and for server errors. False, without waiting, once the waiting allowed is spent.
     */
    private boolean waitedThawed(SnapshotterContext context, List<SnapshotTarget> again, FreezeRound.Made made, RateWindow window,
            SnapshotProgress progress, Clock clock) {
        RuntimeException refusal = progress.failures.get(again.get(0).volumeId());
        boolean rate = again.stream().anyMatch(t -> made.refused().get(t.volumeId()) instanceof Ec2Exception.SnapshotRateExceeded);
        Duration pause = rate ? window.remaining(ids(again), clock) : backoff.delay(++progress.retried);
        boolean spent = rate ? progress.waited.plus(pause).compareTo(pacing.maxRateWait()) > 0 : progress.retried >= backoff.attempts();
        if (spent) {
            log.warn("EC2 still refuses to snapshot {} of {} after {} s of waiting; giving up", ids(again), context.name(),
                    progress.waited.toSeconds());
            return false;
        }
        log.info("EC2 refused to snapshot {} of {} yet ({}); thawed, asking again in {} ms", ids(again), context.name(),
                refusal == null ? "no answer" : refusal.getMessage(), pause.toMillis());
        sleeper.sleep(pause);
        progress.waited = progress.waited.plus(pause);
        again.forEach(t -> progress.failures.remove(t.volumeId()));
        return true;
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

    /**
     * Jittered exponential backoff between attempts of a snapshot EC2 throttled (RequestLimitExceeded), as
     * "Request throttling for the Amazon EC2 API" asks (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html).
     */
    public record Backoff(int attempts, Duration base, Duration cap) {

        public static final Backoff DEFAULT = new Backoff(5, Duration.ofMillis(250), Duration.ofSeconds(8));

        Duration delay(int attempt) {
            long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(base.toMillis(), Math.max(base.toMillis() + 1, ceiling + 1)));
        }
    }
}
