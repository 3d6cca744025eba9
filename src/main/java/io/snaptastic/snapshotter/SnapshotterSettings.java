package io.snaptastic.snapshotter;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.List;

/**
 * One snapshotter's settings: bound from {@code snaptastic.snapshotters.NAME} for a YAML snapshotter,
 * returned by {@link Snapshotter#settings()} for a bean; a null component takes the default written here.
 *
 * @param filterTags userdata keys whose values tag and select the snapshots, besides mount_point (YAML only)
 * @param volumes the volumes it manages, unless read from userdata (YAML only)
 * @param volumesFromUserdata read the volumes from the userdata's "volumes" list instead (YAML only)
 * @param description snapshot description; {key} is replaced by the userdata value or mount_point
 * @param retention how long its snapshots are kept
 * @param hooks commands run at the seed's hook points (YAML only)
 * @param freezeMaxDuration the longest a filesystem may stay frozen before the watchdog thaws it
 * @param snapshotWithoutFreezeOnHookFailure when a pre-snapshot hook fails, snapshot crash-consistent without freezing instead of failing
 * @param maxSnapshotAge the snapshots health check is DOWN when a mount point's newest completed snapshot is older
 * @param mountOnStartup mount the volumes when the agent starts; readiness stays DOWN until done
 * @param startupJitter the longest random delay before that mount, so a fleet booting at once spreads its EC2 calls
 * @param cleanupCron when retention runs on its own (Spring cron, six fields); null (or blank) for never
 * @param pendingSnapshotWait how long a mount waits for a newer snapshot still pending, then restores the newest
 *     completed one with a warning
 * @param preferRetained a mount reattaches the newest volume an unmount kept (tagged retained, reason unmount)
 *     instead of restoring the newest snapshot, which may be older than that volume's writes
 * @param schedule when the agent snapshots on its own (Spring cron, six fields); null (or blank) for never
 * @param scheduleJitter the width of the random offset added to each scheduled time, the same on every run of
 *     one instance, so a fleet with one schedule spreads its snapshots and each instance keeps even intervals
 */
public record SnapshotterSettings(
        @JsonIgnore List<String> filterTags,
        @JsonIgnore List<VolumeSpec> volumes,
        @JsonIgnore boolean volumesFromUserdata,
        String description,
        Retention retention,
        @JsonIgnore HooksProperties hooks,
        Duration freezeMaxDuration,
        boolean snapshotWithoutFreezeOnHookFailure,
        Duration maxSnapshotAge,
        boolean mountOnStartup,
        Duration startupJitter,
        String cleanupCron,
        Duration pendingSnapshotWait,
        boolean preferRetained,
        String schedule,
        Duration scheduleJitter) {

    /** Every setting at its default (and no volumes). */
    public static final SnapshotterSettings DEFAULT =
            new SnapshotterSettings(null, null, false, null, null, null, null, false, null, false, null, null, null, false, null, null);

    // The one place the defaults are written: Spring's binder passes null for an absent key, as Java callers may.
    public SnapshotterSettings {
        filterTags = filterTags == null ? List.of("role", "cluster", "environment") : List.copyOf(filterTags);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        hooks = hooks == null ? HooksProperties.NONE : hooks;
        description = description == null ? "{cluster} snapshot of {mount_point}" : description;
        retention = retention == null ? Retention.DEFAULT : retention;
        freezeMaxDuration = freezeMaxDuration == null ? Duration.ofSeconds(30) : freezeMaxDuration;
        maxSnapshotAge = maxSnapshotAge == null ? Duration.ofHours(25) : maxSnapshotAge;
        startupJitter = startupJitter == null ? Duration.ZERO : startupJitter;
        cleanupCron = cleanupCron == null || cleanupCron.isBlank() ? null : cleanupCron.strip();
        pendingSnapshotWait = pendingSnapshotWait == null ? Duration.ofMinutes(10) : pendingSnapshotWait;
        schedule = schedule == null || schedule.isBlank() ? null : schedule.strip();
        scheduleJitter = scheduleJitter == null ? Duration.ZERO : scheduleJitter;
    }
}
