package io.snaptastic.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.ec2.Volume;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.SnapshotterContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a snapshotter's retention in EC2: reads its snapshots and the volumes made from them, lets
 * {@link RetentionPolicy} decide, and deletes what it chose unless this is a dry run.
 */
public class RetentionService {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);
    // EC2 takes at most 200 values per filter.
    private static final int FILTER_VALUES = 200;

    private final Ec2 ec2;
    private final Clock clock;
    private final MeterRegistry meters;

    public RetentionService(Ec2 ec2, Clock clock, MeterRegistry meters) {
        this.ec2 = ec2;
        this.clock = clock;
        this.meters = meters;
    }

    public CleanupResult cleanup(SnapshotterContext context, boolean dryRun) {
        List<Snapshot> snapshots = ec2.describeSnapshots(ResourceTags.snapshotFilters(context));
        RetentionPolicy policy = new RetentionPolicy(context.name(), context.snapshotter().settings().retention());
        List<RetentionDecision> decisions = policy.decide(snapshots, inUse(snapshots), clock.instant());
        List<RetentionDecision> deleted = new ArrayList<>();
        List<RetentionDecision> kept = new ArrayList<>();
        for (RetentionDecision decision : decisions) {
            if (!decision.delete()) {
                kept.add(decision);
            } else if (dryRun || delete(decision)) {
                deleted.add(decision);
            } else {
                kept.add(decision.failed());
            }
        }
        if (!dryRun) {
            meters.counter("snaptastic.retention.snapshots.deleted", "snapshotter", context.name()).increment(deleted.size());
        }
        return new CleanupResult(dryRun, deleted, kept);
    }

    /** The snapshots among these that an attached volume was created from. */
    private Set<String> inUse(List<Snapshot> snapshots) {
        Set<String> inUse = new HashSet<>();
        List<String> ids = snapshots.stream().map(Snapshot::id).toList();
        for (int from = 0; from < ids.size(); from += FILTER_VALUES) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + FILTER_VALUES));
            for (Volume volume : ec2.describeVolumes(Map.of("snapshot-id", chunk))) {
                if (!volume.attachments().isEmpty() || "in-use".equals(volume.state())) {
                    inUse.add(volume.snapshotId());
                }
            }
        }
        return inUse;
    }

    private boolean delete(RetentionDecision decision) {
        try {
            ec2.deleteSnapshot(decision.snapshotId());
            log.info("Deleted snapshot {} of {} ({})", decision.snapshotId(), decision.mountPoint(), decision.reason().json());
            return true;
        } catch (Ec2Exception.NotFound e) {
            return true;
        } catch (Ec2Exception e) {
            // One refused delete (an AMI uses it, a throttled call) must not stop the others.
            log.warn("Cannot delete snapshot {}: {}", decision.snapshotId(), e.getMessage());
            return false;
        }
    }
}
