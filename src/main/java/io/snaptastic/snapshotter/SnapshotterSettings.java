package io.snaptastic.snapshotter;

import java.time.Duration;

/**
 * The settings of a snapshotter beyond its volumes and hooks.
 *
 * @param description snapshot description template; {key} is replaced by a tag value
 * @param retention how long snapshots are kept
 * @param freezeMaxDuration the longest a filesystem may stay frozen
 * @param snapshotWithoutFreezeOnHookFailure snapshot crash-consistent when a pre-snapshot hook fails
 */
public record SnapshotterSettings(
        String description, Retention retention, Duration freezeMaxDuration, boolean snapshotWithoutFreezeOnHookFailure) {

    public static final SnapshotterSettings DEFAULT =
            new SnapshotterSettings("{cluster} snapshot of {mount_point}", Retention.DEFAULT, Duration.ofSeconds(30), false);
}
