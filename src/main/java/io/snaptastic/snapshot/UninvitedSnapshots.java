package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import java.util.Collection;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateSnapshots snapshots whatever the instance has attached when EC2 takes the request: a volume
 * attached after our DescribeInstances gets a snapshot with our managed tags and its own. Such a
 * snapshot is deleted at once rather than left looking like one of ours while it belongs to no
 * snapshotter.
 */
final class UninvitedSnapshots {

    private static final Logger log = LoggerFactory.getLogger(UninvitedSnapshots.class);

    private final Ec2 ec2;

    UninvitedSnapshots(Ec2 ec2) {
        this.ec2 = ec2;
    }

    /** Deletes each snapshot of a volume not wanted, unless it was dealt with already (added to {@code seen}). */
    void delete(Collection<Snapshot> snapshots, Set<String> wanted, Set<String> seen) {
        for (Snapshot snapshot : snapshots) {
            String volumeId = snapshot.volumeId();
            if (wanted.contains(volumeId) || !seen.add(snapshot.id())) {
                continue;
            }
            try {
                ec2.deleteSnapshot(snapshot.id());
                log.warn("CreateSnapshots also snapshotted {}, attached after the instance was read; deleted {}", volumeId,
                        snapshot.id());
            } catch (Ec2Exception e) {
                log.error("CreateSnapshots also snapshotted {}, attached after the instance was read; could not delete {}: "
                        + "delete it by hand", volumeId, snapshot.id(), e);
            }
        }
    }
}
