package io.snaptastic.snapshotter;

import java.time.Duration;

/**
 * The settings of a snapshotter beyond its volumes and hooks.
 *
 * @param description snapshot description template; {key} is replaced by a tag value
 * @param retention how long snapshots are kept
 * @param freezeMaxDuration the longest a filesystem may stay frozen
 * @param snapshotWithoutFreezeOnHookFailure snapshot crash-consistent when a pre-snapshot hook fails
 * @param maxSnapshotAge the freshness health check is DOWN when a mount point's newest completed snapshot is older
 * @param mountOnStartup mount the volumes when the agent starts
 * @param startupJitter the longest random delay before that mount
 * @param cleanupCron when retention runs on its own (Spring cron); null for never
 */
public record SnapshotterSettings(
        String description,
        Retention retention,
        Duration freezeMaxDuration,
        boolean snapshotWithoutFreezeOnHookFailure,
        Duration maxSnapshotAge,
        boolean mountOnStartup,
        Duration startupJitter,
        String cleanupCron) {

    public static final SnapshotterSettings DEFAULT = new SnapshotterSettings("{cluster} snapshot of {mount_point}",
            Retention.DEFAULT, Duration.ofSeconds(30), false, Duration.ofHours(25), false, Duration.ZERO, null);

    /** Settings without health, start-up mount and scheduled cleanup choices: those get their defaults. */
    public SnapshotterSettings(
            String description, Retention retention, Duration freezeMaxDuration, boolean snapshotWithoutFreezeOnHookFailure) {
        this(description, retention, freezeMaxDuration, snapshotWithoutFreezeOnHookFailure, Duration.ofHours(25), false,
                Duration.ZERO, null);
    }
}
