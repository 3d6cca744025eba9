package io.snaptastic.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.snaptastic.ec2.Volume;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshotter.ResourceTags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes managed volumes of this instance that have stayed unused ({@link OwnVolumes#unused}:
 * available and not retained, or stuck attaching) longer than a threshold: what a failed clean-up or
 * a crash left. EC2 does not say since when a volume is so, so the reaper counts from when it first
 * saw it so, and forgets a volume that was used in between. Volumes of a snapshotter with a running
 * operation are left alone: a mount may be waiting for that very attachment.
 */
public class VolumeReaper {

    private static final Logger log = LoggerFactory.getLogger(VolumeReaper.class);

    private final OwnVolumes volumes;
    private final Operations operations;
    private final Duration availableFor;
    private final Clock clock;
    private final Counter reaped;
    private final Map<String, Instant> firstSeenUnused = new HashMap<>();

    public VolumeReaper(OwnVolumes volumes, Operations operations, Duration availableFor, Clock clock, MeterRegistry meters) {
        this.volumes = volumes;
        this.operations = operations;
        this.availableFor = availableFor;
        this.clock = clock;
        this.reaped = Counter.builder("snaptastic.reaper.volumes.deleted")
                .description("Leaked managed volumes the reaper deleted").register(meters);
    }

    /** One pass; returns the ids of the volumes deleted. */
    public synchronized List<String> reap() {
        Instant now = clock.instant();
        // A volume an unmount kept on purpose may hold data no snapshot has: never unused, never reaped.
        List<Volume> unused = volumes.find(null, null).stream().filter(volumes::unused).toList();
        Set<String> ids = unused.stream().map(Volume::id).collect(Collectors.toSet());
        firstSeenUnused.keySet().retainAll(ids);
        Set<String> busy = operations.list().stream().filter(o -> !o.finished())
                .map(Operation::snapshotter).collect(Collectors.toSet());
        return unused.stream()
                .filter(v -> !busy.contains(v.tags().get(ResourceTags.SNAPSHOTTER)))
                .filter(v -> !firstSeenUnused.computeIfAbsent(v.id(), id -> now).plus(availableFor).isAfter(now))
                .filter(this::delete)
                .map(Volume::id)
                .toList();
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
}
