package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Instance;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.host.Mounter;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.DeviceNames;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import io.snaptastic.workflow.WorkflowResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's make-snapshots: the snapshotter's volumes found from one DescribeInstances, their
 * filesystems frozen together, one CreateSnapshots call for all of them, thawed the moment it returns.
 * post_snapshots always runs.
 */
public class SnapshotService {

    private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);

    private final Ec2 ec2;
    private final Mounter mounter;
    private final FrozenSnapshotter frozenSnapshotter;
    private final Clock clock;

    public SnapshotService(Ec2 ec2, Mounter mounter, FrozenSnapshotter frozenSnapshotter, Clock clock) {
        this.ec2 = ec2;
        this.mounter = mounter;
        this.frozenSnapshotter = frozenSnapshotter;
        this.clock = clock;
    }

    public WorkflowResult snapshot(SnapshotterContext context, WorkflowListener listener) {
        List<VolumeSpec> volumes = context.volumes();
        try {
            boolean freeze = runPreHooks(context);
            return snapshotVolumes(context, freeze, listener);
        } catch (PreHookFailed e) {
            return new WorkflowResult(volumes.stream()
                    .map(v -> VolumeOutcome.start(v).at(VolumeStep.PRE_SNAPSHOT_HOOK).finished(VolumeOutcome.Status.SKIPPED))
                    .toList(), e.getMessage());
        } finally {
            try {
                context.snapshotter().hook(Hook.POST_SNAPSHOTS, volumes);
            } catch (RuntimeException e) {
                log.warn("post_snapshots hook of {} failed", context.name(), e);
            }
        }
    }

    /** Whether to freeze: a failing pre-hook fails the snapshot, unless the snapshotter takes crash-consistent ones then. */
    private boolean runPreHooks(SnapshotterContext context) {
        try {
            context.snapshotter().hook(Hook.PRE_SNAPSHOTS, context.volumes());
            context.volumes().forEach(volume -> context.snapshotter().hook(Hook.PRE_SNAPSHOT, List.of(volume)));
            return true;
        } catch (RuntimeException e) {
            if (!context.snapshotter().settings().snapshotWithoutFreezeOnHookFailure()) {
                throw new PreHookFailed("pre-snapshot hook failed: " + Failures.describe(e));
            }
            log.warn("pre-snapshot hook of {} failed; snapshotting crash-consistent, without freezing", context.name(), e);
            return false;
        }
    }

    private WorkflowResult snapshotVolumes(SnapshotterContext context, boolean freeze, WorkflowListener listener) {
        Instance instance = ec2.describeInstance(context.instanceId());
        Map<VolumeSpec, VolumeOutcome> outcomes = new LinkedHashMap<>();
        List<SnapshotTarget> targets = new ArrayList<>();
        for (VolumeSpec volume : context.volumes()) {
            Optional<String> volumeId = volumeAt(instance, volume.device());
            VolumeOutcome outcome = VolumeOutcome.start(volume).at(VolumeStep.FIND_VOLUME);
            if (volumeId.isEmpty()) {
                outcome = outcome.failed("no EBS volume is attached at " + volume.device() + "; mount the snapshotter first");
            } else {
                outcome = outcome.withVolumeId(volumeId.get());
                boolean mounted = mounter.mountedAt(volume.mountPoint()).isPresent();
                targets.add(new SnapshotTarget(volume, volumeId.get(), freeze && mounted));
            }
            listener.update(outcome);
            outcomes.put(volume, outcome);
        }
        if (targets.isEmpty()) {
            return new WorkflowResult(List.copyOf(outcomes.values()), null);
        }
        List<String> excluded = instance.blockDevices().entrySet().stream()
                .filter(e -> !e.getKey().equals(instance.rootDeviceName()))
                .map(e -> e.getValue().volumeId())
                .filter(id -> targets.stream().noneMatch(t -> t.volumeId().equals(id)))
                .sorted()
                .toList();
        targets.forEach(t -> listener.update(outcomes.get(t.volume()).at(VolumeStep.FREEZE)));
        FrozenSnapshotter.Result result;
        try {
            result = frozenSnapshotter.snapshot(context, targets, excluded, clock);
        } catch (RuntimeException e) {
            log.warn("snapshot of {} failed", context.name(), e);
            String why = Failures.describe(e);
            targets.forEach(t -> outcomes.computeIfPresent(t.volume(), (v, o) -> o.at(VolumeStep.CREATE_SNAPSHOT).failed(why)));
            outcomes.values().forEach(listener::update);
            return new WorkflowResult(List.copyOf(outcomes.values()), null);
        }
        for (SnapshotTarget target : targets) {
            VolumeOutcome outcome = outcome(context, target, outcomes.get(target.volume()), result, listener);
            listener.update(outcome);
            outcomes.put(target.volume(), outcome);
        }
        return new WorkflowResult(List.copyOf(outcomes.values()), null, limitRefusal(result));
    }

    private VolumeOutcome outcome(SnapshotterContext context, SnapshotTarget target, VolumeOutcome found,
            FrozenSnapshotter.Result result, WorkflowListener listener) {
        VolumeOutcome outcome = found.at(VolumeStep.CREATE_SNAPSHOT);
        outcome = target.freeze() ? outcome.withFreezeMillis(result.freezeMillis()) : outcome;
        Snapshot snapshot = result.byVolumeId().get(target.volumeId());
        if (snapshot == null) {
            RuntimeException refusal = result.failures().get(target.volumeId());
            if (refusal != null) {
                log.warn("snapshot of {} of {} failed", target.volumeId(), context.name(), refusal);
            }
            return outcome.failed(refusal == null ? "EC2 returned no snapshot for " + target.volumeId() : describe(refusal));
        }
        // A made snapshot stays made: tags it lacks are a warning, never a failure.
        String warning = result.warnings().get(target.volumeId());
        outcome = warning == null ? outcome : outcome.withWarning(warning);
        return postSnapshot(context, target, outcome.withSnapshotId(snapshot.id()), listener);
    }

    private static String describe(RuntimeException refusal) {
        if (refusal instanceof Ec2Exception.SnapshotLimitExceeded) {
            return "the volume has as many pending snapshots as EC2 allows (ConcurrentSnapshotLimitExceeded); snapshot it "
                    + "again once they have completed";
        }
        return Failures.describe(refusal);
    }

    /** EC2's pending-snapshot limit names what the client must do, so the operation's problem says it. */
    private static RuntimeException limitRefusal(FrozenSnapshotter.Result result) {
        return result.failures().values().stream()
                .filter(Ec2Exception.SnapshotLimitExceeded.class::isInstance)
                .findFirst()
                .orElse(null);
    }

    private VolumeOutcome postSnapshot(SnapshotterContext context, SnapshotTarget target, VolumeOutcome outcome,
            WorkflowListener listener) {
        try {
            listener.update(outcome.at(VolumeStep.POST_SNAPSHOT_HOOK));
            context.snapshotter().hook(Hook.POST_SNAPSHOT, List.of(target.volume()));
            return outcome.at(VolumeStep.DONE).finished(VolumeOutcome.Status.DONE);
        } catch (RuntimeException e) {
            log.warn("post_snapshot hook of {} failed for {}", context.name(), target.volume().mountPoint(), e);
            return outcome.at(VolumeStep.POST_SNAPSHOT_HOOK).failed("post_snapshot hook failed: " + Failures.describe(e));
        }
    }

    /** The volume EC2 has at the device, /dev/sdf and /dev/xvdf being the same attachment point. */
    static Optional<String> volumeAt(Instance instance, String device) {
        return instance.blockDevices().entrySet().stream()
                .filter(e -> DeviceNames.sameAttachmentPoint(e.getKey(), device))
                .map(e -> e.getValue().volumeId())
                .findFirst();
    }

    /** A pre-snapshot hook failed and the snapshotter does not take crash-consistent snapshots. */
    private static final class PreHookFailed extends RuntimeException {
        PreHookFailed(String message) {
            super(message);
        }
    }
}
