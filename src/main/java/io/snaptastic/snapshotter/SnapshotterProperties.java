package io.snaptastic.snapshotter;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One snapshotter as configured in YAML under {@code snaptastic.snapshotters.NAME}.
 *
 * @param filterTags userdata keys whose values tag and select the snapshots, besides mount_point
 * @param volumes the volumes it manages (unless read from userdata)
 * @param volumesFromUserdata read the volumes from the userdata's "volumes" list instead
 * @param description snapshot description; {key} is replaced by the userdata value or mount_point
 * @param retention how long its snapshots are kept
 * @param hooks commands run at the seed's hook points
 * @param freezeMaxDuration the longest a filesystem may stay frozen before the watchdog thaws it
 * @param snapshotWithoutFreezeOnHookFailure when a pre-snapshot hook fails, snapshot crash-consistent without freezing instead of failing
 * @param maxSnapshotAge the snapshots health check is DOWN when a mount point's newest completed snapshot is older
 * @param mountOnStartup mount the volumes when the agent starts; readiness stays DOWN until done
 * @param startupJitter the longest random delay before that mount, so a fleet booting at once spreads its EC2 calls
 * @param cleanupCron when retention runs on its own (Spring cron, six fields); never when empty
 * @param pendingSnapshotWait how long a mount waits for a newer snapshot still pending, then restores the newest
 *     completed one with a warning
 * @param preferRetained a mount reattaches the newest volume an unmount kept (tagged retained, reason unmount)
 *     instead of restoring the newest snapshot, which may be older than that volume's writes
 */
public record SnapshotterProperties(
        @DefaultValue({"role", "cluster", "environment"}) List<String> filterTags,
        List<VolumeSpec> volumes,
        @DefaultValue("false") boolean volumesFromUserdata,
        @DefaultValue("{cluster} snapshot of {mount_point}") String description,
        @DefaultValue Retention retention,
        HooksProperties hooks,
        @DefaultValue("30s") Duration freezeMaxDuration,
        @DefaultValue("false") boolean snapshotWithoutFreezeOnHookFailure,
        @DefaultValue("25h") Duration maxSnapshotAge,
        @DefaultValue("false") boolean mountOnStartup,
        @DefaultValue("0s") Duration startupJitter,
        String cleanupCron,
        @DefaultValue("10m") Duration pendingSnapshotWait,
        @DefaultValue("false") boolean preferRetained) {

    @ConstructorBinding
    public SnapshotterProperties {
        filterTags = filterTags == null ? List.of("role", "cluster", "environment") : List.copyOf(filterTags);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        description = description == null ? "{cluster} snapshot of {mount_point}" : description;
        retention = retention == null ? Retention.DEFAULT : retention;
        hooks = hooks == null ? HooksProperties.NONE : hooks;
        freezeMaxDuration = freezeMaxDuration == null ? Duration.ofSeconds(30) : freezeMaxDuration;
        maxSnapshotAge = maxSnapshotAge == null ? SnapshotterSettings.DEFAULT.maxSnapshotAge() : maxSnapshotAge;
        startupJitter = startupJitter == null ? Duration.ZERO : startupJitter;
        cleanupCron = cleanupCron == null || cleanupCron.isBlank() ? null : cleanupCron.strip();
        pendingSnapshotWait = pendingSnapshotWait == null ? SnapshotterSettings.DEFAULT_PENDING_SNAPSHOT_WAIT : pendingSnapshotWait;
    }

    /** The settings before prefer-retained existed; it is off. */
    public SnapshotterProperties(List<String> filterTags, List<VolumeSpec> volumes, boolean volumesFromUserdata,
            String description, Retention retention, HooksProperties hooks, Duration freezeMaxDuration,
            boolean snapshotWithoutFreezeOnHookFailure, Duration maxSnapshotAge, boolean mountOnStartup,
            Duration startupJitter, String cleanupCron, Duration pendingSnapshotWait) {
        this(filterTags, volumes, volumesFromUserdata, description, retention, hooks, freezeMaxDuration,
                snapshotWithoutFreezeOnHookFailure, maxSnapshotAge, mountOnStartup, startupJitter, cleanupCron,
                pendingSnapshotWait, false);
    }

    /** The settings before the pending-snapshot wait existed; it gets its default. */
    public SnapshotterProperties(List<String> filterTags, List<VolumeSpec> volumes, boolean volumesFromUserdata,
            String description, Retention retention, HooksProperties hooks, Duration freezeMaxDuration,
            boolean snapshotWithoutFreezeOnHookFailure, Duration maxSnapshotAge, boolean mountOnStartup,
            Duration startupJitter, String cleanupCron) {
        this(filterTags, volumes, volumesFromUserdata, description, retention, hooks, freezeMaxDuration,
                snapshotWithoutFreezeOnHookFailure, maxSnapshotAge, mountOnStartup, startupJitter, cleanupCron, null, false);
    }

    /** The settings before health, start-up mount and scheduled cleanup existed; those get their defaults. */
    public SnapshotterProperties(List<String> filterTags, List<VolumeSpec> volumes, boolean volumesFromUserdata,
            String description, Retention retention, HooksProperties hooks, Duration freezeMaxDuration,
            boolean snapshotWithoutFreezeOnHookFailure) {
        this(filterTags, volumes, volumesFromUserdata, description, retention, hooks, freezeMaxDuration,
                snapshotWithoutFreezeOnHookFailure, null, false, null, null, null, false);
    }
}
