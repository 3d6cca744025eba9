package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.host.freeze.FrozenFilesystems;
import io.snaptastic.support.Parallel;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One freeze of the targets' filesystems and the create calls made inside it, thawed the moment EC2
 * answers. Never waits and never retries: what EC2 refused comes back per volume, for the caller to
 * wait out thawed.
 */
final class FreezeRound {

    private static final Logger log = LoggerFactory.getLogger(FreezeRound.class);

    private final Ec2 ec2;
    private final Freezer freezer;

    FreezeRound(Ec2 ec2, Freezer freezer) {
        this.ec2 = ec2;
        this.freezer = freezer;
    }

    /**
     * What one round made: snapshots by volume id (a volume EC2 added uninvited among them), the
     * refusals by volume id, and how long the filesystems were frozen.
     */
    record Made(Map<String, Snapshot> snapshots, Map<String, RuntimeException> refused, long freezeMillis) {}

    /** @param operationId tagged on every snapshot, so one whose answer was lost can be found (UnansweredSnapshots) */
    Made run(SnapshotterContext context, List<SnapshotTarget> targets, Collection<String> excluded, Clock clock,
            String operationId) {
        List<String> mountPoints = targets.stream().map(t -> t.volume().mountPoint()).toList();
        String description = ResourceTags.description(context, mountPoints);
        Map<String, String> tags = withOperation(ResourceTags.forSnapshot(context, null, description, clock), operationId);
        List<String> frozen = targets.stream().filter(SnapshotTarget::freeze).map(t -> t.volume().mountPoint()).toList();
        FrozenFilesystems freeze = frozen.isEmpty() ? null : freezer.freeze(frozen, context.snapshotter().settings().freezeMaxDuration());
        Map<String, Snapshot> made = new HashMap<>();
        Map<String, RuntimeException> refused = new HashMap<>();
        try (freeze) {
            if (excluded.size() > Ec2.MAX_EXCLUDED_VOLUMES) {
                log.info("{} volumes of the instance are not {}'s, more than CreateSnapshots can leave out ({}); one "
                        + "CreateSnapshot per volume, inside the same freeze", excluded.size(), context.name(), Ec2.MAX_EXCLUDED_VOLUMES);
                createEach(context, targets, clock, operationId, made, refused);
            } else {
                createTogether(context, targets, excluded, description, tags, clock, operationId, made, refused);
            }
        }
        return new Made(made, refused, freeze == null ? 0 : freeze.frozenMillis());
    }

    private void createTogether(SnapshotterContext context, List<SnapshotTarget> targets, Collection<String> excluded,
            String description, Map<String, String> tags, Clock clock, String operationId, Map<String, Snapshot> made,
            Map<String, RuntimeException> refused) {
        try {
            ec2.createSnapshots(context.instanceId(), excluded, description, tags).forEach(s -> made.put(s.volumeId(), s));
        } catch (Ec2Exception.Unsupported e) {
            log.info("CreateSnapshots is refused here ({}); one CreateSnapshot per volume, inside the same freeze", e.awsCode());
            createEach(context, targets, clock, operationId, made, refused);
        } catch (RuntimeException e) {
            // CreateSnapshots makes all of the set or none of it.
            targets.forEach(t -> refused.put(t.volumeId(), e));
        }
    }

    /** Side by side, each call keeping its own answer: one refusal must not lose the others' snapshots. */
    private void createEach(SnapshotterContext context, List<SnapshotTarget> targets, Clock clock, String operationId,
            Map<String, Snapshot> made, Map<String, RuntimeException> refused) {
        List<Callable<Object>> calls = new ArrayList<>();
        for (SnapshotTarget target : targets) {
            String mountPoint = target.volume().mountPoint();
            String own = ResourceTags.description(context, List.of(mountPoint));
            Map<String, String> ownTags = withOperation(ResourceTags.forSnapshot(context, mountPoint, own, clock), operationId);
            calls.add(() -> {
                try {
                    return ec2.createSnapshot(target.volumeId(), own, ownTags);
                } catch (RuntimeException e) {
                    return e;
                }
            });
        }
        List<Object> answers = Parallel.runAll(calls, calls.size());
        for (int i = 0; i < targets.size(); i++) {
            if (answers.get(i) instanceof Snapshot snapshot) {
                made.put(targets.get(i).volumeId(), snapshot);
            } else {
                refused.put(targets.get(i).volumeId(), (RuntimeException) answers.get(i));
            }
        }
    }

    private static Map<String, String> withOperation(Map<String, String> tags, String operationId) {
        tags.put(UnansweredSnapshots.OPERATION_TAG, operationId);
        return tags;
    }
}
