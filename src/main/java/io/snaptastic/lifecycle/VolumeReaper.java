package io.snaptastic.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.snaptastic.ec2.Volume;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.RetainedReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes managed volumes of this instance that have stayed unused ({@link OwnVolumes#unused}:
 * available and not retained, or stuck attaching) longer than a threshold: what a failed clean-up or
 * a crash left. A volume attached here that no configured mount point uses ({@link OwnVolumes#unconfigured})
 * is, after the same threshold, tagged retained and detached instead: it may hold data no snapshot has.
 * EC2 does not say since when a volume is so, so the reaper counts from when it first saw it so, and
 * forgets a volume that was used in between. Volumes of a snapshotter with a running operation are
 * left alone: a mount may be waiting for that very attachment.
 */
public class VolumeReaper {

    private static final Logger log = LoggerFactory.getLogger(VolumeReaper.class);

    private final OwnVolumes volumes;
    private final Operations operations;
    private final Supplier<ConfiguredMountPoints> configured;
    private final Duration availableFor;
    private final Clock clock;
    private final Counter reaped;
    private final Counter retained;
    private final Map<String, Instant> firstSeenUnused = new HashMap<>();

    public VolumeReaper(OwnVolumes volumes, Operations operations, Supplier<ConfiguredMountPoints> configured,
            Duration availableFor, Clock clock, MeterRegistry meters) {
        this.volumes = volumes;
        this.operations = operations;
        this.configured = configured;
        this.availableFor = availableFor;
        this.clock = clock;
        this.reaped = Counter.builder("snaptastic.reaper.volumes.deleted")
                .description("Leaked managed volumes the reaper deleted").register(meters);
        this.retained = Counter.builder("snaptastic.reaper.volumes.retained")
                .description("Attached managed volumes no configured mount point uses, tagged retained and detached")
                .register(meters);
    }

    /** One pass; returns the ids of the volumes deleted. */
    public synchronized List<String> reap() {
        Instant now = clock.instant();
        List<Volume> own = volumes.find(null, null);
        // A volume an unmount kept on purpose may hold data no snapshot has: never unused, never reaped.
        List<Volume> unused = own.stream().filter(volumes::unused).toList();
        ConfiguredMountPoints mountPoints = configured.get();
        List<Volume> unconfigured = own.stream().filter(v -> volumes.unconfigured(v, mountPoints))
                .filter(v -> !volumes.mounted(v)).toList();
        firstSeenUnused.keySet().retainAll(Stream.concat(unused.stream(), unconfigured.stream())
                .map(Volume::id).collect(Collectors.toSet()));
        Set<String> busy = operations.list().stream().filter(o -> !o.finished())
                .map(Operation::snapshotter).collect(Collectors.toSet());
        due(unconfigured, busy, now).forEach(this::keep);
        return due(unused, busy, now).filter(this::delete).map(Volume::id).toList();
    }

    private Stream<Volume> due(List<Volume> candidates, Set<String> busy, Instant now) {
        return candidates.stream()
                .filter(v -> !busy.contains(v.tags().get(ResourceTags.SNAPSHOTTER)))
                .filter(v -> !firstSeenUnused.computeIfAbsent(v.id(), id -> now).plus(availableFor).isAfter(now));
    }

    private boolean delete(Volume volume) {
        try {
            log.warn("Reaping volume {} of {} on {}: unused (available, or stuck attaching) for longer than {}", volume.id(),
                    volume.tags().get(ResourceTags.SNAPSHOTTER), volume.tags().get(ResourceTags.MOUNT_POINT), availableFor);
            volumes.release(volume);
            firstSeenUnused.remove(volume.id());
            reaped.increment();
            return true;
        } catch (RuntimeException e) {
            log.warn("Cannot reap volume {}; trying again next time", volume.id(), e);
            return false;
        }
    }

    /**
     * Tags the volume retained before its detach, so that a crash in between leaves it kept; a volume
     * already tagged so keeps its reason and time. The detach is never forced: its attachment completed,
     * so it may have been written.
     */
    private void keep(Volume volume) {
        try {
            log.warn("Volume {} of {} on {} is attached here, not mounted, and no configured mount point has used it for longer "
                    + "than {}: tagging it {}=true ({}={}) and detaching it. It may hold data no snapshot has, so nothing "
                    + "deletes it; delete or reuse it by hand", volume.id(), volume.tags().get(ResourceTags.SNAPSHOTTER),
                    volume.tags().get(ResourceTags.MOUNT_POINT), availableFor, ResourceTags.RETAINED,
                    ResourceTags.RETAINED_REASON, RetainedReason.UNCONFIGURED.tagValue());
            if (!ResourceTags.isRetained(volume.tags())) {
                volumes.retain(volume, RetainedReason.UNCONFIGURED, clock.instant());
            }
            log.info("Unconfigured volume: {}", volumes.detach(volume));
            firstSeenUnused.remove(volume.id());
            retained.increment();
        } catch (RuntimeException e) {
            log.warn("Cannot detach the unconfigured volume {}; trying again next time", volume.id(), e);
        }
    }
}
