package io.snaptastic.mount;

import java.util.List;

/**
 * What a dry-run mount would do for one volume.
 *
 * @param snapshotId the snapshot it would restore, or null for a fresh volume
 * @param state what it finds now: fresh, restore, restore-after-pending, already-mounted, attached, skipped, blocked
 * @param calls the EC2 calls and host commands it would make, in order
 */
public record PlannedVolume(String device, String mountPoint, String snapshotId, String state, List<String> calls) {

    public PlannedVolume {
        calls = List.copyOf(calls);
    }
}
