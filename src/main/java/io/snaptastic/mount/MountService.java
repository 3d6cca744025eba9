package io.snaptastic.mount;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.ec2.Volume;
import io.snaptastic.workflow.Failures;
import io.snaptastic.support.Parallel;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import io.snaptastic.workflow.WorkflowResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's mount-snapshots: every volume of a snapshotter restored from its newest snapshot (or
 * created empty), attached, checked and mounted, all volumes at once. One volume failing does not stop
 * the others. Volumes already in place are reported, not redone.
 */
public class MountService {

    private static final Logger log = LoggerFactory.getLogger(MountService.class);

    private final Ec2 ec2;
    private final SnapshotSelector selector;
    private final VolumeRestorer restorer;
    private final MountState state;
    private final int parallelVolumes;
    private final RetainedVolumes retained;

    public MountService(Ec2 ec2, SnapshotSelector selector, VolumeRestorer restorer, MountState state, int parallelVolumes) {
        this.ec2 = ec2;
        this.selector = selector;
        this.restorer = restorer;
        this.state = state;
        this.parallelVolumes = parallelVolumes;
        this.retained = new RetainedVolumes(ec2);
    }

    /** What a mount would do, with nothing changed and no hook run. */
    public List<PlannedVolume> plan(SnapshotterContext context, MountOptions options) {
        Attachments attachments = Attachments.of(ec2, context.instanceId());
        List<Snapshot> snapshots = ec2.describeSnapshots(ResourceTags.snapshotFilters(context));
        Map<String, List<RetainedVolumes.Kept>> kept = retained.find(context);
        List<PlannedVolume> plan = new ArrayList<>();
        for (VolumeSpec volume : context.volumes()) {
            MountState.Found found = state.find(context, volume, attachments, options);
            List<Snapshot> candidates = SnapshotSelector.candidates(snapshots, volume.mountPoint(), context.filterTags());
            plan.add(MountPlanner.plan(context, volume, found, candidates.isEmpty() ? null : candidates.get(0),
                    kept.getOrDefault(volume.mountPoint(), List.of())));
        }
        return plan;
    }

    public WorkflowResult mount(SnapshotterContext context, MountOptions options, String operationId, WorkflowListener listener) {
        Attachments attachments = Attachments.of(ec2, context.instanceId());
        List<Snapshot> snapshots = ec2.describeSnapshots(ResourceTags.snapshotFilters(context));
        Map<String, List<RetainedVolumes.Kept>> kept = retained.find(context);
        try {
            context.snapshotter().hook(Hook.PRE_MOUNTS, context.volumes());
        } catch (RuntimeException e) {
            log.warn("pre_mounts hook of {} failed", context.name(), e);
            return new WorkflowResult(context.volumes().stream().map(VolumeOutcome::start)
                    .map(o -> o.at(VolumeStep.PRE_MOUNT_HOOK).finished(VolumeOutcome.Status.SKIPPED)).toList(),
                    "pre_mounts hook failed: " + Failures.describe(e));
        }
        List<Callable<VolumeOutcome>> work = new ArrayList<>();
        for (VolumeSpec volume : context.volumes()) {
            List<RetainedVolumes.Kept> keptHere = kept.getOrDefault(volume.mountPoint(), List.of());
            work.add(() -> mountOne(context, volume, attachments, new Sources(snapshots, keptHere), options, operationId, listener));
        }
        List<VolumeOutcome> outcomes = Parallel.runAll(work, parallelVolumes);
        String error = null;
        try {
            context.snapshotter().hook(Hook.POST_MOUNTS, context.volumes());
        } catch (RuntimeException e) {
            log.warn("post_mounts hook of {} failed", context.name(), e);
            error = "post_mounts hook failed: " + Failures.describe(e);
        }
        return new WorkflowResult(outcomes, error);
    }

    private VolumeOutcome mountOne(SnapshotterContext context, VolumeSpec volume, Attachments attachments,
            Sources sources, MountOptions options, String operationId, WorkflowListener listener) {
        MountState.Found found;
        try {
            found = state.find(context, volume, attachments, options);
        } catch (RuntimeException e) {
            return report(listener, VolumeOutcome.start(volume).failed(Failures.describe(e)));
        }
        VolumeOutcome start = VolumeOutcome.start(volume).withVolumeId(found.volume().map(Volume::id).orElse(null));
        switch (found.kind()) {
            case ALREADY_MOUNTED:
                return report(listener, start.at(VolumeStep.DONE).finished(VolumeOutcome.Status.ALREADY_MOUNTED));
            case SKIPPED:
                return report(listener, start.finished(VolumeOutcome.Status.SKIPPED));
            case BLOCKED:
                return report(listener, start.failed(found.reason()));
            case ATTACHED:
                return restorer.resume(context, volume, found.volume().orElseThrow(), listener);
            default:
                return restoreNew(context, volume, sources, operationId, listener);
        }
    }

    /** What a new volume may come from: the snapshotter's snapshots, and the mount point's kept volumes, newest first. */
    private record Sources(List<Snapshot> snapshots, List<RetainedVolumes.Kept> kept) {}

    private VolumeOutcome restoreNew(SnapshotterContext context, VolumeSpec volume, Sources sources, String operationId,
            WorkflowListener listener) {
        if (context.snapshotter().settings().preferRetained() && !sources.kept().isEmpty()) {
            return restorer.reattach(context, volume, sources.kept().get(0), listener);
        }
        List<Snapshot> candidates = SnapshotSelector.candidates(sources.snapshots(), volume.mountPoint(), context.filterTags());
        Optional<SnapshotSelector.Choice> chosen;
        try {
            listener.update(VolumeOutcome.start(volume).at(VolumeStep.WAIT_FOR_SNAPSHOT));
            chosen = selector.choose(candidates, context.snapshotter().settings().pendingSnapshotWait());
        } catch (RuntimeException e) {
            return report(listener, VolumeOutcome.start(volume).at(VolumeStep.WAIT_FOR_SNAPSHOT).failed(Failures.describe(e)));
        }
        Snapshot snapshot = chosen.map(SnapshotSelector.Choice::snapshot).orElse(null);
        List<String> warnings = new ArrayList<>();
        chosen.map(SnapshotSelector.Choice::warning).ifPresent(warnings::add);
        RetainedVolumes.newerThan(sources.kept(), snapshot, context.name()).ifPresent(warnings::add);
        if (warnings.isEmpty()) {
            return restorer.restore(context, volume, snapshot, operationId, listener);
        }
        String warning = String.join("; ", warnings);
        log.warn("{} on {}: {}", context.name(), volume.mountPoint(), warning);
        // The warning goes with every update of the volume, so a client polling sees it from the start.
        WorkflowListener warned = outcome -> listener.update(outcome.withWarning(warning));
        return restorer.restore(context, volume, snapshot, operationId, warned).withWarning(warning);
    }

    private static VolumeOutcome report(WorkflowListener listener, VolumeOutcome outcome) {
        listener.update(outcome);
        return outcome;
    }
}
