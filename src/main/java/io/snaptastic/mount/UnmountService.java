package io.snaptastic.mount;

import io.snaptastic.config.SnaptasticProperties.Timeouts;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Volume;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.Mounter;
import io.snaptastic.workflow.Failures;
import io.snaptastic.support.Parallel;
import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowListener;
import io.snaptastic.workflow.WorkflowResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's unmount-snapshots: unmount, detach, and delete the volume only when asked and only when
 * this agent manages it. Volumes already unmounted or detached are passed over, and a repeated
 * deleting unmount also deletes what an earlier one left detached ({@link LeftoverVolumes}), so it
 * can be repeated until it succeeds. A kept volume is tagged retained before it is detached.
 */
public class UnmountService {

    /** The operation detail that says whether an unmount deletes its volumes. */
    public static final String DELETE_VOLUMES = "deleteVolumes";

    private static final Logger log = LoggerFactory.getLogger(UnmountService.class);

    private final Ec2 ec2;
    private final Mounter mounter;
    private final DeviceResolver resolver;
    private final Timeouts timeouts;
    private final int parallelVolumes;
    private final LeftoverVolumes leftovers;

    public UnmountService(Ec2 ec2, Mounter mounter, DeviceResolver resolver, Timeouts timeouts, int parallelVolumes) {
        this.ec2 = ec2;
        this.mounter = mounter;
        this.resolver = resolver;
        this.timeouts = timeouts;
        this.parallelVolumes = parallelVolumes;
        this.leftovers = new LeftoverVolumes(ec2);
    }

    public WorkflowResult unmount(SnapshotterContext context, boolean deleteVolumes, WorkflowListener listener) {
        try {
            context.snapshotter().hook(Hook.PRE_UNMOUNTS, context.volumes());
        } catch (RuntimeException e) {
            log.warn("pre_unmounts hook of {} failed", context.name(), e);
            return new WorkflowResult(context.volumes().stream()
                    .map(v -> VolumeOutcome.start(v).at(VolumeStep.PRE_UNMOUNT_HOOK).finished(VolumeOutcome.Status.SKIPPED))
                    .toList(), "pre_unmounts hook failed: " + Failures.describe(e));
        }
        Attachments attachments = Attachments.of(ec2, context.instanceId());
        List<Callable<VolumeOutcome>> work = new ArrayList<>();
        for (VolumeSpec volume : context.volumes()) {
            work.add(() -> unmountOne(context, volume, attachments.at(volume.device()), deleteVolumes, listener));
        }
        List<VolumeOutcome> outcomes = Parallel.runAll(work, parallelVolumes);
        String error = null;
        try {
            context.snapshotter().hook(Hook.POST_UNMOUNTS, context.volumes());
        } catch (RuntimeException e) {
            log.warn("post_unmounts hook of {} failed", context.name(), e);
            error = "post_unmounts hook failed: " + Failures.describe(e);
        }
        return new WorkflowResult(outcomes, error);
    }

    private VolumeOutcome unmountOne(SnapshotterContext context, VolumeSpec volume, Optional<Volume> attached,
            boolean deleteVolume, WorkflowListener listener) {
        VolumeOutcome outcome = VolumeOutcome.start(volume).withVolumeId(attached.map(Volume::id).orElse(null));
        try {
            outcome = step(listener, outcome, VolumeStep.PRE_UNMOUNT_HOOK);
            context.snapshotter().hook(Hook.PRE_UNMOUNT, List.of(volume));
            outcome = step(listener, outcome, VolumeStep.UNMOUNT);
            Optional<MountEntry> mounted = mounter.mountedAt(volume.mountPoint());
            if (mounted.isPresent() && !isOwnMount(context, volume, attached, mounted.get())) {
                return report(listener, outcome.skipped(volume.mountPoint() + " is mounted from " + mounted.get().source()
                        + ", not from this snapshotter's volume at " + volume.device() + "; left mounted and attached"));
            }
            mounter.unmount(volume.mountPoint(), false);
            if (attached.isPresent() && MountState.belongs(attached.get(), context, volume)) {
                String id = attached.get().id();
                outcome = step(listener, outcome, VolumeStep.DETACH);
                if (!deleteVolume && ResourceTags.isManaged(attached.get().tags())) {
                    // Before the detach, not after: a crash in between would leave a detached, untagged
                    // volume that the reaper deletes, with writes no snapshot has (issue 15). A failed
                    // tag call fails the volume here, still attached.
                    ec2.createTags(List.of(id), ResourceTags.retained(RetainedReason.UNMOUNT, Instant.now()));
                }
                ec2.detachVolume(id, context.instanceId(), volume.device(), false);
                outcome = step(listener, outcome, VolumeStep.AWAIT_DETACHED);
                ec2.awaitDetached(id, timeouts.detached());
                if (deleteVolume) {
                    outcome = deleteIfManaged(attached.get(), outcome, listener);
                }
            } else if (attached.isPresent()) {
                return report(listener, outcome.at(VolumeStep.DETACH).failed("the volume at " + volume.device() + ", "
                        + attached.get().id() + ", is not this snapshotter's volume for " + volume.mountPoint() + "; left attached"));
            }
            if (deleteVolume) {
                outcome = leftovers.delete(context, volume, outcome, listener);
            }
            outcome = step(listener, outcome, VolumeStep.POST_UNMOUNT_HOOK);
            context.snapshotter().hook(Hook.POST_UNMOUNT, List.of(volume));
            return report(listener, outcome.at(VolumeStep.DONE).finished(VolumeOutcome.Status.DONE));
        } catch (StepFailedException e) {
            log.warn("unmounting {} failed at {}", volume.mountPoint(), e.at().step(), e.getCause());
            return report(listener, e.at().failed(Failures.describe(e.getCause())));
        } catch (RuntimeException e) {
            log.warn("unmounting {} failed at {}", volume.mountPoint(), outcome.step(), e);
            return report(listener, outcome.failed(Failures.describe(e)));
        }
    }

    /**
     * Whether the filesystem at the mount point is the one on this snapshotter's volume, compared by
     * the device itself (as {@link MountState} does for a mount): someone else's filesystem mounted
     * there by hand, or a volume that is not this snapshotter's, is never unmounted by the agent.
     */
    private boolean isOwnMount(SnapshotterContext context, VolumeSpec volume, Optional<Volume> attached, MountEntry mounted) {
        return attached.filter(v -> MountState.belongs(v, context, volume))
                .flatMap(v -> resolver.resolve(v.id(), volume.device()))
                .filter(device -> MountState.sameDevice(mounted.source(), device))
                .isPresent();
    }

    /** Only a volume this agent marked as managed is ever deleted; any other stays, detached. */
    private VolumeOutcome deleteIfManaged(Volume volume, VolumeOutcome outcome, WorkflowListener listener) {
        if (!ResourceTags.isManaged(volume.tags())) {
            log.info("kept {}: it is not tagged {}=true", volume.id(), ResourceTags.MANAGED);
            return outcome;
        }
        VolumeOutcome deleting = step(listener, outcome, VolumeStep.DELETE_VOLUME);
        try {
            ec2.deleteVolume(volume.id());
        } catch (RuntimeException e) {
            throw new StepFailedException(deleting, e);
        }
        return deleting;
    }

    static VolumeOutcome step(WorkflowListener listener, VolumeOutcome outcome, VolumeStep step) {
        VolumeOutcome next = outcome.at(step);
        listener.update(next);
        return next;
    }

    static VolumeOutcome report(WorkflowListener listener, VolumeOutcome outcome) {
        listener.update(outcome);
        return outcome;
    }
}
