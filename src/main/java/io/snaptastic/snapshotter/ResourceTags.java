package io.snaptastic.snapshotter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tags the agent reads and writes, compatible with the Python snaptastic: the filter tags and
 * {@code mount_point} select snapshots; {@code created} and {@code expires} use its
 * {@code YYYY-MM-DD HH:MM:SS.ffffff} (UTC) format; {@code snaptastic:managed} marks what this agent
 * may delete.
 */
public final class ResourceTags {

    public static final String MOUNT_POINT = "mount_point";
    public static final String INSTANCE_ID = "instance_id";
    public static final String CREATED = "created";
    public static final String EXPIRES = "expires";
    public static final String SNAPSHOTTER = "snaptastic:snapshotter";
    public static final String MANAGED = "snaptastic:managed";
    public static final String NAME = "Name";
    /**
     * On a volume an unmount detached and kept, or a restore whose check or mount failed: it may hold
     * data newer than its last snapshot, so the reaper leaves it for the operator. {@code false} once a
     * mount reattached it.
     */
    public static final String RETAINED = "snaptastic:retained";
    /** Why a volume is retained: a {@link RetainedReason}, kebab-case. */
    public static final String RETAINED_REASON = "snaptastic:retained-reason";
    /** When a volume was retained: an ISO-8601 UTC instant, such as {@code 2026-12-08T01:40:00.123Z}. */
    public static final String RETAINED_AT = "snaptastic:retained-at";

    static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private ResourceTags() {}

    /**
     * Tags for a volume the agent creates: what selects its snapshots, and the marks of ownership.
     * No {@code created}, {@code expires} or {@code Name}: CreateSnapshots copies a volume's tags to its
     * snapshot, and those must come from the snapshot's own request.
     */
    public static Map<String, String> forVolume(SnapshotterContext context, VolumeSpec volume) {
        Map<String, String> tags = identity(context, volume.mountPoint());
        tags.put(INSTANCE_ID, context.instanceId());
        return tags;
    }

    /** The tags a volume must carry so that its snapshots are found again: filter tags and mount point. */
    public static Map<String, String> selecting(SnapshotterContext context, String mountPoint) {
        Map<String, String> tags = new LinkedHashMap<>(context.filterTags());
        tags.put(MOUNT_POINT, mountPoint);
        return tags;
    }

    /**
     * Tags for the snapshots of one make-snapshots call: every tag but {@code mount_point} (which
     * differs per volume; CreateSnapshots copies it from the volume) when {@code mountPoint} is null.
     */
    public static Map<String, String> forSnapshot(SnapshotterContext context, String mountPoint, String description, Clock clock) {
        Map<String, String> tags = mountPoint == null
                ? new LinkedHashMap<>(context.filterTags())
                : identity(context, mountPoint);
        tags.put(SNAPSHOTTER, context.name());
        tags.put(MANAGED, "true");
        tags.put(INSTANCE_ID, context.instanceId());
        Instant now = clock.instant();
        tags.put(CREATED, format(now));
        tags.put(EXPIRES, format(now.plus(context.snapshotter().settings().retention().maxAge())));
        tags.put(NAME, description);
        return tags;
    }

    /**
     * The description, with {key} replaced by the filter tag values, {mount_point} by the mount points
     * (comma separated when one call snapshots several), {snapshotter} and {instance_id}.
     */
    public static String description(SnapshotterContext context, List<String> mountPoints) {
        String text = context.snapshotter().settings().description();
        Map<String, String> values = new LinkedHashMap<>(context.filterTags());
        values.put(MOUNT_POINT, String.join(", ", mountPoints));
        values.put("snapshotter", context.name());
        values.put(INSTANCE_ID, context.instanceId());
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        // EC2 takes up to 255 characters of description.
        return text.length() > 255 ? text.substring(0, 255) : text;
    }

    public static String format(Instant instant) {
        return SEED_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** Reads a {@code created} or {@code expires} value the seed or this agent wrote; empty when unreadable. */
    public static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value.strip(), SEED_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(value.strip()));
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    /**
     * EC2 filters for the volumes this agent created on an instance, optionally of one snapshotter
     * (null for any); callers add their own filters to the map it returns.
     */
    public static Map<String, List<String>> managedVolumeFilters(String instanceId, String snapshotter) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("tag:" + MANAGED, List.of("true"));
        filters.put("tag:" + INSTANCE_ID, List.of(literal(instanceId)));
        if (snapshotter != null) {
            filters.put("tag:" + SNAPSHOTTER, List.of(literal(snapshotter)));
        }
        return filters;
    }

    /** EC2 filters for one DescribeSnapshots call covering every volume of the context. */
    public static Map<String, List<String>> snapshotFilters(SnapshotterContext context) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        context.filterTags().forEach((key, value) -> filters.put("tag:" + key, List.of(literal(value))));
        filters.put("tag:" + MOUNT_POINT, context.volumes().stream()
                .map(VolumeSpec::mountPoint).distinct().map(ResourceTags::literal).collect(Collectors.toList()));
        return filters;
    }

    /**
     * The tags that retain a volume, written in one CreateTags call so that no volume is retained
     * without its reason and time.
     */
    public static Map<String, String> retained(RetainedReason reason, Instant at) {
        return Map.of(RETAINED, "true", RETAINED_REASON, reason.tagValue(),
                RETAINED_AT, at.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /**
     * What a reattached volume is tagged: CreateTags overwrites an existing key's value ("When you
     * specify an existing tag key, the value is overwritten with the new value", CreateTags API
     * reference), so no DeleteTags permission is needed. The reason and time stay, as a record of the
     * last retention.
     */
    public static Map<String, String> released() {
        return Map.of(RETAINED, "false");
    }

    public static boolean isRetained(Map<String, String> tags) {
        return "true".equals(tags.get(RETAINED));
    }

    /** Why the volume is retained; empty when it is not, or was retained before reasons were written. */
    public static Optional<RetainedReason> retainedReason(Map<String, String> tags) {
        return isRetained(tags) ? RetainedReason.of(tags.get(RETAINED_REASON)) : Optional.empty();
    }

    /** When the volume was retained; empty when the tag is absent or unreadable. */
    public static Optional<Instant> retainedAt(Map<String, String> tags) {
        String value = tags.get(RETAINED_AT);
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether the tags mark a volume or snapshot as this agent's, the only ones it ever deletes. */
    public static boolean isManaged(Map<String, String> tags) {
        return "true".equals(tags.get(MANAGED));
    }

    /** EC2 filter values treat * and ? as wildcards; a backslash makes them literal. */
    public static String literal(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private static Map<String, String> identity(SnapshotterContext context, String mountPoint) {
        Map<String, String> tags = selecting(context, mountPoint);
        tags.put(SNAPSHOTTER, context.name());
        tags.put(MANAGED, "true");
        return tags;
    }
}
