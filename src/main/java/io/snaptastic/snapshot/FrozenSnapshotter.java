package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.host.Freezer;
import io.snaptastic.host.FrozenFilesystems;
import io.snaptastic.snapshotter.Parallel;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes the target filesystems together, makes the snapshots, and thaws the moment EC2 answers: a
 * snapshot's point in time is its request, not its completion. Throttling is never waited out while
 * frozen: thaw, back off with jitter, then freeze and ask again.
 */
public class FrozenSnapshotter {

    private static final Logger log = LoggerFactory.getLogger(FrozenSnapshotter.class);

    private final Ec2 ec2;
    private final Freezer freezer;
    private final Backoff backoff;

    public FrozenSnapshotter(Ec2 ec2, Freezer freezer, Backoff backoff) {
        this.ec2 = ec2;
        this.freezer = freezer;
        this.backoff = backoff;
    }

    /** The snapshots by volume id, and how long the filesystems were frozen (0 when none was). */
    public record Result(Map<String, Snapshot> byVolumeId, long freezeMillis) {}

    Result snapshot(SnapshotterContext context, List<SnapshotTarget> targets, Collection<String> excluded, Clock clock) {
        List<String> mountPoints = targets.stream().map(t -> t.volume().mountPoint()).toList();
        String description = ResourceTags.description(context, mountPoints);
        Map<String, String> tags = ResourceTags.forSnapshot(context, null, description, clock);
        List<String> frozen = targets.stream().filter(SnapshotTarget::freeze).map(t -> t.volume().mountPoint()).toList();
        Duration maxFreeze = context.snapshotter().settings().freezeMaxDuration();
        for (int attempt = 1; ; attempt++) {
            FrozenFilesystems freeze = frozen.isEmpty() ? null : freezer.freeze(frozen, maxFreeze);
            List<Snapshot> snapshots;
            try (freeze) {
                snapshots = create(context, targets, excluded, description, tags, clock);
            } catch (Ec2Exception.Throttled e) {
                if (attempt >= backoff.attempts()) {
                    throw e;
                }
                log.info("EC2 throttled the snapshot of {} ({}); thawed, retrying", context.name(), e.awsCode());
                backoff.pause(attempt);
                continue;
            }
            Map<String, Snapshot> byVolume = new HashMap<>();
            snapshots.forEach(s -> byVolume.put(s.volumeId(), s));
            fixMountPointTags(context, targets, byVolume);
            return new Result(byVolume, freeze == null ? 0 : freeze.frozenMillis());
        }
    }

    private List<Snapshot> create(SnapshotterContext context, List<SnapshotTarget> targets, Collection<String> excluded,
            String description, Map<String, String> tags, Clock clock) {
        try {
            return ec2.createSnapshots(context.instanceId(), excluded, description, tags);
        } catch (Ec2Exception.Unsupported e) {
            log.info("CreateSnapshots is refused here ({}); one CreateSnapshot per volume, inside the same freeze", e.awsCode());
            List<Callable<Snapshot>> calls = new ArrayList<>();
            for (SnapshotTarget target : targets) {
                String own = ResourceTags.description(context, List.of(target.volume().mountPoint()));
                Map<String, String> ownTags = ResourceTags.forSnapshot(context, target.volume().mountPoint(), own, clock);
                calls.add(() -> ec2.createSnapshot(target.volumeId(), own, ownTags));
            }
            return Parallel.runAll(calls, calls.size());
        }
    }

    /**
     * CreateSnapshots copies each volume's tags, mount_point among them. A volume that lacked the tag
     * (attached by hand, say) would leave a snapshot no restore finds: tag those after the thaw.
     */
    private void fixMountPointTags(SnapshotterContext context, List<SnapshotTarget> targets, Map<String, Snapshot> byVolume) {
        for (SnapshotTarget target : targets) {
            Snapshot snapshot = byVolume.get(target.volumeId());
            String mountPoint = target.volume().mountPoint();
            if (snapshot != null && !mountPoint.equals(snapshot.tags().get(ResourceTags.MOUNT_POINT))) {
                ec2.createTags(List.of(snapshot.id()), ResourceTags.selecting(context, mountPoint));
            }
        }
    }

    /** Jittered exponential backoff between attempts of a throttled snapshot. */
    public record Backoff(int attempts, Duration base, Duration cap) {

        public static final Backoff DEFAULT = new Backoff(5, Duration.ofMillis(250), Duration.ofSeconds(8));

        void pause(int attempt) {
            long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
            long millis = ThreadLocalRandom.current().nextLong(base.toMillis(), Math.max(base.toMillis() + 1, ceiling + 1));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while backing off", e);
            }
        }
    }
}
