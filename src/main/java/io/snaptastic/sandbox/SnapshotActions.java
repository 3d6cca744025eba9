package io.snaptastic.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateSnapshot, DescribeSnapshots and DeleteSnapshot. A snapshot's image is copied in the request,
 * so it holds the volume as it was at the call (EBS's point in time); it then shows
 * {@code pending} with a growing progress until the snapshot delay has passed.
 */
final class SnapshotActions {

    private static final Logger log = LoggerFactory.getLogger(SnapshotActions.class);
    private static final Set<String> OWN = Set.of("self", Ids.ACCOUNT_ID);

    static final Filters<SandboxSnapshot> FILTERS = new Filters<>(snapshotFields(), SandboxSnapshot::tags);

    private final SandboxContext context;
    private final SandboxStore store;
    private final SnapshotPace pace;

    SnapshotActions(SandboxContext context) {
        this.context = context;
        this.store = context.store();
        this.pace = new SnapshotPace(context.settings().snapshotIntervalPerVolume(), context.clock());
    }

    /** The per-volume pace CreateSnapshot and CreateSnapshots share. */
    SnapshotPace pace() {
        return pace;
    }

    void register(Map<String, QueryAction> actions) {
        actions.put("CreateSnapshot", this::createSnapshot);
        actions.put("DescribeSnapshots", this::describeSnapshots);
        actions.put("DeleteSnapshot", this::deleteSnapshot);
    }

    private String createSnapshot(QueryParams params, String requestId) {
        String volumeId = params.required("VolumeId");
        String description = description(params);
        Map<String, String> tags = params.tagSpecifications("snapshot");
        SandboxSnapshot snapshot;
        synchronized (store) {
            SandboxVolume volume = store.existingVolume(volumeId);
            pace.check(List.of(volumeId));
            context.faults().beforeSnapshot(volumeId);
            snapshot = capture(volume, description, tags);
        }
        XmlWriter xml = XmlWriter.response("CreateSnapshot", requestId);
        Ec2Xml.snapshot(xml, snapshot, progress(snapshot));
        return xml.finish();
    }

    static String description(QueryParams params) {
        String description = params.get("Description").orElse("");
        if (description.length() > 255) {
            throw Ec2Error.invalidValue("Value for parameter description is invalid: at most 255 characters.");
        }
        return description;
    }

    /** Copies the volume's image now and records a pending snapshot of it. Call holding the store's monitor. */
    SandboxSnapshot capture(SandboxVolume volume, String description, Map<String, String> tags) {
        checkSnapshottable(volume);
        String snapshotId = Ids.snapshot();
        context.disks().snapshotImage(volume.id(), snapshotId);
        return record(volume, snapshotId, description, tags);
    }

    static void checkSnapshottable(SandboxVolume volume) {
        if (!volume.state().equals(SandboxVolume.AVAILABLE) && !volume.state().equals(SandboxVolume.IN_USE)) {
            throw Ec2Error.incorrectState("The volume '" + volume.id() + "' is in the '" + volume.state() + "' state.");
        }
    }

    /** Records a pending snapshot whose image was copied already. Call holding the store's monitor. */
    SandboxSnapshot record(SandboxVolume volume, String snapshotId, String description, Map<String, String> tags) {
        SandboxSnapshot snapshot = new SandboxSnapshot(snapshotId, volume.id(), volume.size(), SandboxSnapshot.PENDING,
                context.clock().instant(), description, volume.encrypted(), volume.kmsKeyId(), tags);
        store.putSnapshot(snapshot);
        pace.started(volume.id(), snapshot.startTime());
        log.info("sandbox: snapshot {} of {}", snapshotId, volume.id());
        context.transitions().after(context.settings().snapshotDelay(), "completing " + snapshotId, () -> finish(snapshotId));
        return snapshot;
    }

    void finish(String snapshotId) {
        store.updateSnapshot(snapshotId, snapshot -> snapshot.state().equals(SandboxSnapshot.PENDING)
                ? snapshot.withState(SandboxSnapshot.COMPLETED) : snapshot);
    }

    /** EC2's progress text: grows with the time a pending snapshot has had, 100% once completed. */
    String progress(SandboxSnapshot snapshot) {
        if (!snapshot.state().equals(SandboxSnapshot.PENDING)) {
            return snapshot.state().equals(SandboxSnapshot.COMPLETED) ? "100%" : "0%";
        }
        Duration delay = context.settings().snapshotDelay();
        if (delay.isZero()) {
            return "99%";
        }
        long elapsed = Duration.between(snapshot.startTime(), context.clock().instant()).toMillis();
        return Math.max(0, Math.min(99, elapsed * 100 / delay.toMillis())) + "%";
    }

    private String describeSnapshots(QueryParams params, String requestId) {
        List<String> owners = params.list("Owner");
        List<String> ids = params.list("SnapshotId");
        List<SandboxSnapshot> snapshots = new ArrayList<>();
        if (ids.isEmpty()) {
            snapshots.addAll(store.snapshots());
        } else {
            for (String id : ids) {
                snapshots.add(store.existingSnapshot(id));
            }
        }
        if (!owners.isEmpty() && owners.stream().noneMatch(OWN::contains)) {
            // Every sandbox snapshot is the account's own; no one else (amazon, other accounts) owns any.
            snapshots.clear();
        }
        Page<SandboxSnapshot> page = Page.of(FILTERS.apply(snapshots, params.filters()), params, 5, 1000, !ids.isEmpty());
        XmlWriter xml = XmlWriter.response("DescribeSnapshots", requestId).start("snapshotSet");
        for (SandboxSnapshot snapshot : page.items()) {
            xml.start("item");
            Ec2Xml.snapshot(xml, snapshot, progress(snapshot));
            xml.end();
        }
        return xml.end().element("nextToken", page.nextToken()).finish();
    }

    private String deleteSnapshot(QueryParams params, String requestId) {
        String snapshotId = params.required("SnapshotId");
        synchronized (store) {
            store.existingSnapshot(snapshotId);
            boolean restoring = store.volumes().stream().anyMatch(volume ->
                    snapshotId.equals(volume.snapshotId()) && volume.state().equals(SandboxVolume.CREATING));
            if (restoring) {
                throw Ec2Error.client("InvalidSnapshot.InUse", "The snapshot " + snapshotId + " is in use by a volume being created.");
            }
            context.disks().deleteSnapshotImage(snapshotId);
            store.removeSnapshot(snapshotId);
        }
        log.info("sandbox: deleted snapshot {}", snapshotId);
        return Ec2Xml.ok("DeleteSnapshot", requestId);
    }

    private static Map<String, Function<SandboxSnapshot, Collection<String>>> snapshotFields() {
        Map<String, Function<SandboxSnapshot, Collection<String>>> fields = new LinkedHashMap<>();
        fields.put("snapshot-id", snapshot -> List.of(snapshot.id()));
        fields.put("volume-id", snapshot -> List.of(snapshot.volumeId()));
        fields.put("status", snapshot -> List.of(snapshot.state()));
        fields.put("owner-id", snapshot -> List.of(Ids.ACCOUNT_ID));
        fields.put("description", snapshot -> List.of(snapshot.description()));
        fields.put("volume-size", snapshot -> List.of(String.valueOf(snapshot.volumeSize())));
        fields.put("encrypted", snapshot -> List.of(String.valueOf(snapshot.encrypted())));
        fields.put("start-time", snapshot -> List.of(XmlWriter.timestamp(snapshot.startTime())));
        fields.put("storage-tier", snapshot -> List.of("standard"));
        return fields;
    }
}
