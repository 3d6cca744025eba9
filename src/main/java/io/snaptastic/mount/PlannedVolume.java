package io.snaptastic.mount;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a dry-run mount would do for one volume.
 *
 * @param snapshotId the snapshot it would restore, or null for a fresh or reattached volume
 * @param state what it finds now: fresh, restore, restore-after-pending, reattach-retained, already-mounted,
 *     attached, skipped, blocked
 * @param calls the EC2 calls and host commands it would make, in order
 * @param warning what the mount would warn about (a kept volume newer than the snapshot); null when nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlannedVolume(String device, String mountPoint, String snapshotId, String state, List<String> calls,
        String warning) {

    public PlannedVolume {
        calls = List.copyOf(calls);
    }

    public PlannedVolume(String device, String mountPoint, String snapshotId, String state, List<String> calls) {
        this(device, mountPoint, snapshotId, state, calls, null);
    }

    PlannedVolume withWarning(String newWarning) {
        return new PlannedVolume(device, mountPoint, snapshotId, state, calls, newWarning);
    }
}
