package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.operation.InvalidOperationRequestException;
import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import io.snaptastic.snapshotter.ResourceTags;
import java.util.regex.Pattern;

/** Deletes one snapshot on request, and only one that this agent manages. */
public class SnapshotDeleter {

    static final Pattern SNAPSHOT_ID = Pattern.compile("^snap-[0-9a-f]{8,17}$");

    private final Ec2 ec2;

    public SnapshotDeleter(Ec2 ec2) {
        this.ec2 = ec2;
    }

    /**
     * @throws InvalidOperationRequestException for an id that is not a snapshot id
     * @throws io.snaptastic.ec2.Ec2Exception.NotFound when there is no such snapshot
     * @throws UnmanagedSnapshotException when the snapshot is not tagged snaptastic:managed=true
     */
    public void delete(String snapshotId) {
        if (snapshotId == null || !SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new InvalidOperationRequestException("snapshotId must look like snap-0123456789abcdef0");
        }
        Snapshot snapshot = ec2.findSnapshot(snapshotId)
                .orElseThrow(() -> new io.snaptastic.ec2.Ec2Exception.NotFound("InvalidSnapshot.NotFound",
                        "snapshot " + snapshotId + " does not exist", null));
        if (!ResourceTags.isManaged(snapshot.tags())) {
            throw new UnmanagedSnapshotException(snapshotId);
        }
        ec2.deleteSnapshot(snapshotId);
    }

    /** A delete asked for a snapshot this agent did not make (or adopt); it stays. */
    public static class UnmanagedSnapshotException extends AgentException {
        public UnmanagedSnapshotException(String snapshotId) {
            super(ProblemType.UNMANAGED_SNAPSHOT, "snapshot " + snapshotId + " is not tagged " + ResourceTags.MANAGED + "=true; the agent never deletes it");
        }
    }
}
