package io.snaptastic.recovery;

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
 * Deletes managed volumes of this instance that have stayed {@code available} (attached nowhere)
 * longer than a threshold: what a failed clean-up or a crash left. EC2 does not say since when a
 * volume is available, so the reaper counts from when it first saw it so, and forgets a volume that
 * was attached in between. Volumes of a snapshotter with a running operation are left alone.
 */
public class VolumeReaper {

    private static final Logger log = LoggerFactory.getLogger(VolumeReaper.class);

    private final OwnVolumes volumes;
    private final Operations operations;
    private final Duration availableFor;
    private final Clock clock;
    private final Counter reaped;
    private final Map<String, Instant> firstSeenAvailable = new HashMap<>();

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
        List<Volume> available = volumes.find(null, null).stream()
                .filter(v -> "available".equals(v.state()) && v.attachments().isEmpty())
                // A volume an unmount kept on purpose may hold data no snapshot has: never reaped.
                .filter(v -> !"true".equals(v.tags().get(ResourceTags.RETAINED)))
                .toList();
        Set<String> ids = available.stream().map(Volume::id).collect(Collectors.toSet());
        firstSeenAvailable.keySet().retainAll(ids);
        Set<String> busy = operations.list().stream().filter(o -> !o.finished())
                .map(Operation::snapshotter).collect(Collectors.toSet());
        return available.stream()
                .filter(v -> !busy.contains(v.tags().get(ResourceTags.SNAPSHOTTER)))
                .filter(v -> !firstSeenAvailable.computeIfAbsent(v.id(), id -> now).plus(availableFor).isAfter(now))
                .filter(this::delete)
                .map(Volume::id)
                .toList();
    }

    private boolean delete(Volume volume) {
        try {
            log.warn("Reaping volume {} of {} on {}: available for longer than {}", volume.id(),
                    volume.tags().get(ResourceTags.SNAPSHOTTER), volume.tags().get(ResourceTags.MOUNT_POINT), availableFor);
            volumes.release(volume);
            firstSeenAvailable.remove(volume.id());
            reaped.increment();
            return true;
        } catch (RuntimeException e) {
            log.warn("Cannot reap volume {}; trying again next time", volume.id(), e);
            return false;
        }
    }
}
