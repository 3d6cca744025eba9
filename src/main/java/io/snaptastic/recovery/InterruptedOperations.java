package io.snaptastic.recovery;

import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Volume;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationReconciler;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.VolumeResult;
import io.snaptastic.snapshotter.Parallel;
import io.snaptastic.snapshotter.ResourceTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, undoes what an operation the agent was running when it stopped left half done: a
 * mount's volumes that it created and never mounted are detached and deleted. Freezes are thawed by
 * the freezer itself from its records; this only says so.
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
                .filter(volume -> "running".equals(volume.status()))
                .<Callable<List<String>>>map(volume -> () -> reconcileVolume(interrupted, volume))
                .toList();
        List<String> said = Parallel.runAll(work, parallelVolumes).stream().flatMap(List::stream).toList();
        String result = String.join("; ", said);
        log.warn("Operation {} ({} of {}) was interrupted: {}", interrupted.id(), interrupted.type().json(),
                interrupted.snapshotter(), result);
        return result;
    }

    private List<String> reconcileVolume(Operation interrupted, VolumeResult volume) {
        List<String> said = new ArrayList<>();
        said.add(volume.device() + " stopped at step " + volume.step());
        if (interrupted.type() == OperationType.MOUNT) {
            said.addAll(undoMount(interrupted, volume));
        } else if (interrupted.type() == OperationType.SNAPSHOT
                && ("freeze".equals(volume.step()) || "create-snapshot".equals(volume.step()))) {
            said.add(volume.mountPoint() + " was thawed at start-up if it was still frozen");
        }
        return said;
    }

    private List<String> undoMount(Operation operation, VolumeResult result) {
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

    /** Made by this operation: it is ours, and no older than the operation (a resumed volume is older). */
    private boolean createdBy(Operation operation, Volume volume) {
        Instant created = volume.createTime();
        return volumes.ours(volume) && created != null
                && !created.isBefore(operation.startedAt().minus(CLOCK_SKEW))
                && operation.snapshotter().equals(volume.tags().get(ResourceTags.SNAPSHOTTER));
    }
}
