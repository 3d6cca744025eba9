package io.snaptastic.snapshotter;

import io.snaptastic.config.SnaptasticProperties;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.scheduling.support.CronExpression;

/**
 * Checks the whole configuration and lists every problem, each naming its property, so an operator
 * fixes them in one round instead of one per restart.
 */
public final class ConfigurationValidator {

    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$");
    static final Pattern TAG_KEY = Pattern.compile("^[A-Za-z0-9_.:/=+@-]{1,127}$");
    static final Duration LONGEST_FREEZE = Duration.ofMinutes(10);
    static final Duration LONGEST_JITTER = Duration.ofHours(1);
    // EBS gives no bound on how long a snapshot stays pending; a day keeps a boot from hanging for ever.
    static final Duration LONGEST_PENDING_SNAPSHOT_WAIT = Duration.ofHours(24);

    private ConfigurationValidator() {}

    public static List<String> validate(SnaptasticProperties properties, Map<String, SnapshotterSettings> snapshotters) {
        List<String> problems = new ArrayList<>();
        if (!properties.stateDir().isAbsolute()) {
            problems.add("snaptastic.state-dir: '" + properties.stateDir() + "' must be an absolute path");
        }
        for (String dir : properties.systemDirectories()) {
            if (!dir.startsWith("/")) {
                problems.add("snaptastic.system-directories: '" + dir + "' must be an absolute path");
            }
        }
        VolumeSpecValidator volumes = new VolumeSpecValidator(properties.systemDirectories());
        snapshotters.forEach((name, snapshotter) ->
                validate("snaptastic.snapshotters." + name, name, snapshotter, volumes, problems));
        return problems;
    }

    private static void validate(
            String at, String name, SnapshotterSettings snapshotter, VolumeSpecValidator volumes, List<String> problems) {
        if (!NAME.matcher(name).matches()) {
            problems.add(at + ": the name must be 1 to 63 letters, digits, _ or -, starting with a letter or digit");
        }
        if (snapshotter.volumesFromUserdata() && !snapshotter.volumes().isEmpty()) {
            problems.add(at + ".volumes: set either volumes or volumes-from-userdata, not both");
        } else if (!snapshotter.volumesFromUserdata() && snapshotter.volumes().isEmpty()) {
            problems.add(at + ".volumes: a snapshotter needs at least one volume (or volumes-from-userdata: true)");
        }
        problems.addAll(volumes.validate(at + ".volumes", snapshotter.volumes()));
        for (String key : snapshotter.filterTags()) {
            if (key == null || !TAG_KEY.matcher(key).matches() || key.equals("mount_point") || key.startsWith("aws:")) {
                problems.add(at + ".filter-tags: '" + key + "' is not a usable tag key (mount_point is always added)");
            }
        }
        if (snapshotter.retention().keepLast() < 1) {
            problems.add(at + ".retention.keep-last: must be at least 1, so the newest snapshot is never deleted");
        }
        if (snapshotter.retention().maxAge().isNegative() || snapshotter.retention().maxAge().isZero()) {
            problems.add(at + ".retention.max-age: must be positive");
        }
        Duration freeze = snapshotter.freezeMaxDuration();
        if (freeze.compareTo(Duration.ofSeconds(1)) < 0 || freeze.compareTo(LONGEST_FREEZE) > 0) {
            problems.add(at + ".freeze-max-duration: " + freeze + " is outside 1s..10m");
        }
        validateOperations(at, snapshotter, problems);
        snapshotter.hooks().byHook().forEach((hook, commands) -> {
            String hookAt = at + ".hooks." + hook.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            for (int i = 0; i < commands.size(); i++) {
                validateHook(hookAt + "[" + i + "]", commands.get(i), problems);
            }
        });
    }

    private static void validateOperations(String at, SnapshotterSettings snapshotter, List<String> problems) {
        if (snapshotter.maxSnapshotAge().isNegative() || snapshotter.maxSnapshotAge().isZero()) {
            problems.add(at + ".max-snapshot-age: must be positive");
        }
        if (snapshotter.startupJitter().isNegative() || snapshotter.startupJitter().compareTo(LONGEST_JITTER) > 0) {
            problems.add(at + ".startup-jitter: " + snapshotter.startupJitter() + " is outside 0s..1h");
        }
        Duration pending = snapshotter.pendingSnapshotWait();
        if (pending.isNegative() || pending.compareTo(LONGEST_PENDING_SNAPSHOT_WAIT) > 0) {
            problems.add(at + ".pending-snapshot-wait: " + pending + " is outside 0s..24h");
        }
        if (snapshotter.cleanupCron() != null && !CronExpression.isValidExpression(snapshotter.cleanupCron())) {
            problems.add(at + ".cleanup-cron: '" + snapshotter.cleanupCron()
                    + "' is not a cron expression (six fields: second minute hour day month weekday)");
        }
        validateSchedule(at, snapshotter, problems);
    }

    private static void validateSchedule(String at, SnapshotterSettings snapshotter, List<String> problems) {
        Duration jitter = snapshotter.scheduleJitter();
        if (jitter.isNegative() || jitter.compareTo(LONGEST_JITTER) > 0) {
            problems.add(at + ".schedule-jitter: " + jitter + " is outside 0s..1h");
        }
        if (snapshotter.schedule() == null) {
            return;
        }
        if (!CronExpression.isValidExpression(snapshotter.schedule())) {
            problems.add(at + ".schedule: '" + snapshotter.schedule()
                    + "' is not a cron expression (six fields: second minute hour day month weekday)");
            return;
        }
        Duration interval = shortestInterval(CronExpression.parse(snapshotter.schedule()));
        if (!jitter.isZero() && jitter.compareTo(interval) >= 0) {
            problems.add(at + ".schedule-jitter: " + jitter + " must be below the schedule's interval (" + interval
                    + "), or a run could overtake the next one");
        }
    }

    // The gaps between the next runs: enough to see an irregular cron's (e.g. "0 0 3,4 * * *") shortest one.
    private static Duration shortestInterval(CronExpression cron) {
        Duration shortest = ChronoUnit.FOREVER.getDuration();
        ZonedDateTime run = cron.next(ZonedDateTime.now(ZoneOffset.UTC));
        for (int i = 0; i < 32 && run != null; i++) {
            ZonedDateTime next = cron.next(run);
            if (next != null && Duration.between(run, next).compareTo(shortest) < 0) {
                shortest = Duration.between(run, next);
            }
            run = next;
        }
        return shortest;
    }

    private static void validateHook(String at, HookCommand hook, List<String> problems) {
        if (hook.argv().isEmpty() || hook.argv().get(0) == null || !hook.argv().get(0).startsWith("/")) {
            problems.add(at + ".argv: must start with the absolute path of a program (no shell line)");
        }
        if (hook.argv().stream().anyMatch(arg -> arg == null || arg.indexOf('\0') >= 0)) {
            problems.add(at + ".argv: arguments may not be empty or hold NUL bytes");
        }
        if (hook.timeout().isNegative() || hook.timeout().isZero()) {
            problems.add(at + ".timeout: must be positive");
        }
    }
}
