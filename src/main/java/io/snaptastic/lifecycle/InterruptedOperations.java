package io.snaptastic.lifecycle;

import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Volume;
import io.snaptastic.mount.UnmountService;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationReconciler;
import io.snaptastic.operation.OperationType;
import io.snaptastic.support.Parallel;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, undoes or finishes what an operation the agent was running when it stopped left half
 * done: a mount's volumes that it created and never mounted are detached and deleted; an unmount's
 * volume is kept and tagged retained, or deleted when the unmount was to delete it. Freezes are
 * thawed by the freezer itself from its records; this only says so. docs/crash-safety.md has the whole table.
 */
public class InterruptedOperations implements OperationReconciler {

    private static final Logger log = LoggerFactory.getLogger(InterruptedOperations.class);
    // EC2's clock and ours may differ a little; a volume made by an earlier operation is older by far.
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

    private final OwnVolumes volumes;
    private final int parallelVolumes;

    public InterruptedOperations(OwnVolumes volumes) {
        this(volumes, 1);
    }

    /** @param parallelVolumes how many volumes of one operation are reconciled at once (EC2 waits are minutes) */
    public InterruptedOperations(OwnVolumes volumes, int parallelVolumes) {
        this.volumes = volumes;
        this.parallelVolumes = parallelVolumes;
    }

    @Override
    public String reconcile(Operation interrupted) {
        List<Callable<List<String>>> work = interrupted.volumes().stream()
                .filter(volume -> volume.status() == VolumeOutcome.Status.RUNNING)
                .<Callable<List<String>>>map(volume -> () -> reconcileVolume(interrupted, volume))
                .toList();
        List<String> said = Parallel.runAll(work, parallelVolumes).stream().flatMap(List::stream).toList();
        String result = String.join("; ", said);
        log.warn("Operation {} ({} of {}) was interrupted: {}", interrupted.id(), interrupted.type().json(),
                interrupted.snapshotter(), result);
        return result;
    }

    private List<String> reconcileVolume(Operation interrupted, VolumeOutcome volume) {
        List<String> said = new ArrayList<>();
        said.add(volume.device() + " stopped at step " + volume.stepName());
        if (interrupted.type() == OperationType.MOUNT) {
            said.addAll(undoMount(interrupted, volume));
        } else if (interrupted.type() == OperationType.UNMOUNT && volume.volumeId() != null) {
            said.add(finishUnmount(interrupted, volume.volumeId()));
        } else if (interrupted.type() == OperationType.SNAPSHOT
                && (volume.step() == VolumeStep.FREEZE || volume.step() == VolumeStep.CREATE_SNAPSHOT)) {
            said.add(volume.mountPoint() + " was thawed at start-up if it was still frozen");
        }
        return said;
    }

    private List<String> undoMount(Operation operation, VolumeOutcome result) {
        List<Volume> candidates = result.volumeId() != null
                ? volumes.find(result.volumeId()).map(List::of).orElse(List.of())
                : volumes.find(operation.snapshotter(), result.mountPoint());
        List<String> said = new ArrayList<>();
        for (Volume volume : candidates) {
            if (!createdBy(operation, volume)) {
                continue;
            }
            try {
                said.add(volumes.release(volume));
            } catch (Ec2Exception e) {
                log.error("Cannot remove volume {} left by operation {}; the reaper will retry", volume.id(), operation.id(), e);
                said.add("could not remove " + volume.id() + " (" + e.getMessage() + "); the reaper retries");
            }
        }
        return said;
    }

    /**
     * Finishes what an unmount started: a kept volume stays, tagged retained (the unmount tags it before
     * the detach, and again here in case the crash came first); a deleting unmount's volume is detached
     * and deleted. A volume still mounted here is left as it is: the unmount never got that far.
     */
    private String finishUnmount(Operation operation, String volumeId) {
        boolean deleting = Boolean.TRUE.equals(operation.details().get(UnmountService.DELETE_VOLUMES));
        try {
            Optional<Volume> found = volumes.find(volumeId);
            if (found.isEmpty() || "deleting".equals(found.get().state()) || "deleted".equals(found.get().state())) {
                return volumeId + " is gone";
            }
            Volume volume = found.get();
            if (!volumes.ours(volume)) {
                return volumeId + " left: not created by this agent on this instance";
            }
            if (deleting) {
                return volumes.release(volume);
            }
            if (volumes.mounted(volume)) {
                return volumeId + " left: it is still mounted";
            }
            volumes.retain(volume, RetainedReason.UNMOUNT);
            return volumeId + " kept, tagged " + ResourceTags.RETAINED + "=true";
        } catch (RuntimeException e) {
            // Nothing is lost: a kept volume was tagged before its detach, and the reaper never deletes it.
            log.error("Cannot finish the unmount of {} by operation {}", volumeId, operation.id(), e);
            return "could not finish with " + volumeId + " (" + e.getMessage() + ")";
        }
    }

    /** Made by this operation: it is ours, and no older than the operation (a resumed volume is older). */
    private boolean createdBy(Operation operation, Volume volume) {
        Instant created = volume.createTime();
        return volumes.ours(volume) && created != null
                && !created.isBefore(operation.startedAt().minus(CLOCK_SKEW))
                && operation.snapshotter().equals(volume.tags().get(ResourceTags.SNAPSHOTTER));
    }
}
