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
 * @param pendingSnapshotWait how long a mount waits for a newer snapshot still pending before it restores the
 *     newest completed one
 * @param preferRetained a mount reattaches the newest volume an unmount kept instead of restoring a snapshot
 */
public record SnapshotterSettings(
        String description,
        Retention retention,
        Duration freezeMaxDuration,
        boolean snapshotWithoutFreezeOnHookFailure,
        Duration maxSnapshotAge,
        boolean mountOnStartup,
        Duration startupJitter,
        String cleanupCron,
        Duration pendingSnapshotWait,
        boolean preferRetained) {

    public static final Duration DEFAULT_PENDING_SNAPSHOT_WAIT = Duration.ofMinutes(10);

    public static final SnapshotterSettings DEFAULT = new SnapshotterSettings("{cluster} snapshot of {mount_point}",
            Retention.DEFAULT, Duration.ofSeconds(30), false, Duration.ofHours(25), false, Duration.ZERO, null,
            DEFAULT_PENDING_SNAPSHOT_WAIT, false);

    public SnapshotterSettings {
        pendingSnapshotWait = pendingSnapshotWait == null ? DEFAULT_PENDING_SNAPSHOT_WAIT : pendingSnapshotWait;
    }

    /** Settings from before prefer-retained existed: it is off. */
    public SnapshotterSettings(String description, Retention retention, Duration freezeMaxDuration,
            boolean snapshotWithoutFreezeOnHookFailure, Duration maxSnapshotAge, boolean mountOnStartup,
            Duration startupJitter, String cleanupCron, Duration pendingSnapshotWait) {
        this(description, retention, freezeMaxDuration, snapshotWithoutFreezeOnHookFailure, maxSnapshotAge, mountOnStartup,
                startupJitter, cleanupCron, pendingSnapshotWait, false);
    }

    /** Settings from before the pending-snapshot wait existed: it gets its default. */
    public SnapshotterSettings(String description, Retention retention, Duration freezeMaxDuration,
            boolean snapshotWithoutFreezeOnHookFailure, Duration maxSnapshotAge, boolean mountOnStartup,
            Duration startupJitter, String cleanupCron) {
        this(description, retention, freezeMaxDuration, snapshotWithoutFreezeOnHookFailure, maxSnapshotAge, mountOnStartup,
                startupJitter, cleanupCron, DEFAULT_PENDING_SNAPSHOT_WAIT, false);
    }

    /** Settings without health, start-up mount and scheduled cleanup choices: those get their defaults. */
    public SnapshotterSettings(
            String description, Retention retention, Duration freezeMaxDuration, boolean snapshotWithoutFreezeOnHookFailure) {
        this(description, retention, freezeMaxDuration, snapshotWithoutFreezeOnHookFailure, Duration.ofHours(25), false,
                Duration.ZERO, null);
    }
}
