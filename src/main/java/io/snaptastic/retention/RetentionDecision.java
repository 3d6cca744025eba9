package io.snaptastic.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.support.KebabCase;
import java.time.Instant;

/**
 * What retention decided for one snapshot, and why.
 *
 * @param snapshotId the snapshot
 * @param mountPoint the mount point it was taken of
 * @param startTime when it was taken
 * @param delete whether it is (or, in a dry run, would be) deleted
 * @param reason why it is kept or deleted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetentionDecision(String snapshotId, String mountPoint, Instant startTime, boolean delete, Reason reason) {

    /** Why a snapshot is kept or deleted; the first five are never deleted whatever the rules say. */
    public enum Reason {
        /** Neither tagged snaptastic:managed=true nor a Python-snaptastic snapshot adopted by adopt-legacy. */
        NOT_MANAGED,
        /** Managed, but by another snapshotter that shares the tags. */
        OTHER_SNAPSHOTTER,
        /** The newest completed snapshot of its mount point: the one a restore would use. */
        NEWEST_COMPLETED,
        /** An attached volume was created from it. */
        IN_USE,
        /** Still being taken. */
        PENDING,
        /** Among the keep-last newest completed snapshots of its mount point. */
        KEEP_LAST,
        /** Neither its expires tag nor max-age has passed yet. */
        NOT_EXPIRED,
        /** Its expires tag has passed. */
        EXPIRED,
        /** It has no readable expires tag and is older than max-age. */
        OLDER_THAN_MAX_AGE,
        /** A delete was decided but EC2 refused it; the snapshot is still there. */
        DELETE_FAILED;

        @JsonValue
        public String json() {
            return KebabCase.of(this);
        }
    }

    static RetentionDecision keep(Snapshot snapshot, Reason reason) {
        return of(snapshot, false, reason);
    }

    static RetentionDecision delete(Snapshot snapshot, Reason reason) {
        return of(snapshot, true, reason);
    }

    private static RetentionDecision of(Snapshot snapshot, boolean delete, Reason reason) {
        return new RetentionDecision(snapshot.id(), snapshot.tags().get(ResourceTags.MOUNT_POINT), snapshot.startTime(),
                delete, reason);
    }

    RetentionDecision failed() {
        return new RetentionDecision(snapshotId, mountPoint, startTime, false, Reason.DELETE_FAILED);
    }
}
