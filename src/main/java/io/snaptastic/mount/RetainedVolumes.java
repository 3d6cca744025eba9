package io.snaptastic.mount;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Snapshot;
import io.snaptastic.ec2.Volume;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.VolumeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The volumes an unmount kept that a mount may reattach instead of restoring: detached, managed, with
 * this instance's id, this snapshotter, its filter tags and the mount point, in the instance's zone,
 * and tagged retained with reason {@code unmount} and a time. A volume kept by a failed restore, or
 * retained before reasons were written, is never one of them: it is for the operator to look at.
 */
final class RetainedVolumes {

    private final Ec2 ec2;

    RetainedVolumes(Ec2 ec2) {
        this.ec2 = ec2;
    }

    /** A volume an unmount kept, and when. */
    record Kept(Volume volume, Instant retainedAt) {

        String id() {
            return volume.id();
        }
    }

    /** The kept volumes of every mount point of the context, newest first, in one DescribeVolumes call. */
    Map<String, List<Kept>> find(SnapshotterContext context) {
        Map<String, List<String>> filters = ResourceTags.managedVolumeFilters(context.instanceId(), context.name());
        filters.put("tag:" + ResourceTags.RETAINED, List.of("true"));
        filters.put("status", List.of("available"));
        // Checked again here: a filter is the server's word, and a reattached volume's data is mounted as is.
        return ec2.describeVolumes(filters).stream()
                .flatMap(volume -> kept(context, volume).stream())
                .sorted(Comparator.comparing(Kept::retainedAt).reversed())
                .collect(Collectors.groupingBy(k -> k.volume().tags().get(ResourceTags.MOUNT_POINT), Collectors.toList()));
    }

    private static Optional<Kept> kept(SnapshotterContext context, Volume volume) {
        Map<String, String> tags = volume.tags();
        boolean eligible = ResourceTags.isManaged(tags)
                && context.instanceId().equals(tags.get(ResourceTags.INSTANCE_ID))
                && context.name().equals(tags.get(ResourceTags.SNAPSHOTTER))
                && "available".equals(volume.state()) && volume.attachments().isEmpty()
                && context.availabilityZone().equals(volume.availabilityZone())
                && ResourceTags.retainedReason(tags).filter(RetainedReason.UNMOUNT::equals).isPresent()
                && context.volumes().stream().map(VolumeSpec::mountPoint).anyMatch(mp -> mp.equals(tags.get(ResourceTags.MOUNT_POINT)))
                && context.filterTags().entrySet().stream().allMatch(t -> t.getValue().equals(tags.get(t.getKey())));
        return eligible ? ResourceTags.retainedAt(tags).map(at -> new Kept(volume, at)) : Optional.empty();
    }

    /**
     * The warning for a restore of {@code snapshot} (null: an empty volume) while a volume kept later
     * exists; empty when none is newer.
     */
    static Optional<String> newerThan(List<Kept> kept, Snapshot snapshot, String snapshotter) {
        List<Kept> newer = kept.stream()
                .filter(k -> snapshot == null || snapshot.startTime() == null || k.retainedAt().isAfter(snapshot.startTime()))
                .toList();
        if (newer.isEmpty()) {
            return Optional.empty();
        }
        Kept newest = newer.get(0);
        String others = newer.size() == 1 ? "" : " (and " + (newer.size() - 1) + " older kept volume(s))";
        String than = snapshot == null
                ? "; this mount makes an empty volume instead"
                : ", " + readable(Duration.between(snapshot.startTime(), newest.retainedAt())) + " after snapshot "
                        + snapshot.id() + " started (" + snapshot.startTime() + "), the snapshot this mount restores instead";
        return Optional.of("volume " + newest.id() + " was kept by an unmount at " + newest.retainedAt() + than
                + others + ": it may hold newer writes; prefer-retained: true on snapshotter " + snapshotter
                + " would reattach it");
    }

    /** A duration for a person: {@code 2 d 3 h}, {@code 4 h 5 min}, {@code 6 min 7 s}, {@code 8 s}. */
    static String readable(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds >= 86_400) {
            return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
        }
        if (seconds >= 3600) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
}
