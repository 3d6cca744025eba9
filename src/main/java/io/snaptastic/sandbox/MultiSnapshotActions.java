package io.snaptastic.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * CreateSnapshots: one snapshot of each volume attached to the instance, all copied in one request
 * while the store is held, so no sandbox call changes any of them in between.
 */
final class MultiSnapshotActions {

    static final int MAX_EXCLUDED = 40;

    private final SandboxStore store;
    private final SnapshotActions snapshots;
    private final FaultInjector faults;
    private final Disks disks;

    MultiSnapshotActions(SandboxContext context, SnapshotActions snapshots) {
        this.store = context.store();
        this.snapshots = snapshots;
        this.faults = context.faults();
        this.disks = context.disks();
    }

    void register(Map<String, QueryAction> actions) {
        actions.put("CreateSnapshots", this::createSnapshots);
    }

    private String createSnapshots(QueryParams params, String requestId) {
        QueryParams spec = params.struct("InstanceSpecification");
        String instanceId = spec.get("InstanceId").orElseThrow(() -> Ec2Error.missing("InstanceSpecification.InstanceId"));
        boolean excludeBoot = spec.bool("ExcludeBootVolume", false);
        List<String> excluded = spec.list("ExcludeDataVolumeId");
        if (excluded.size() > MAX_EXCLUDED) {
            // The limit is botocore's EC2 model (InstanceSpecification.ExcludeDataVolumeIds: "up to 40 volume
            // IDs per request"); the code EC2 answers with is not documented and not verified on real EC2.
            throw Ec2Error.invalidValue("The parameter ExcludeDataVolumeIds takes at most " + MAX_EXCLUDED + " volume IDs; "
                    + excluded.size() + " were given.");
        }
        String copyTags = params.get("CopyTagsFromSource").orElse(null);
        if (copyTags != null && !copyTags.equals("volume")) {
            throw Ec2Error.invalidValue("Value (" + copyTags + ") for parameter CopyTagsFromSource is invalid. Expected 'volume'.");
        }
        String description = SnapshotActions.description(params);
        Map<String, String> tags = params.tagSpecifications("snapshot");
        List<SandboxSnapshot> made = new ArrayList<>();
        synchronized (store) {
            if (!store.instance().id().equals(instanceId)) {
                throw Ec2Error.instanceNotFound(instanceId);
            }
            for (String volumeId : excluded) {
                if (store.existingVolume(volumeId).root()) {
                    throw Ec2Error.invalidValue("The boot volume " + volumeId + " cannot be in ExcludeDataVolumeIds; use ExcludeBootVolume.");
                }
            }
            List<SandboxVolume> volumes = store.volumes().stream()
                    .filter(volume -> volume.attachment() != null && volume.attachment().instanceId().equals(instanceId))
                    .filter(volume -> !(excludeBoot && volume.root()))
                    .filter(volume -> !excluded.contains(volume.id()))
                    .sorted(Comparator.comparing((SandboxVolume volume) -> !volume.root()))
                    .toList();
            volumes.forEach(SnapshotActions::checkSnapshottable);
            snapshots.pace().check(volumes.stream().map(SandboxVolume::id).toList());
            volumes.forEach(volume -> faults.beforeSnapshot(volume.id()));
            List<String> snapshotIds = volumes.stream().map(volume -> Ids.snapshot()).toList();
            copyImages(volumes, snapshotIds);
            for (int i = 0; i < volumes.size(); i++) {
                SandboxVolume volume = volumes.get(i);
                made.add(snapshots.record(volume, snapshotIds.get(i), description, tagsFor(volume, copyTags != null, tags)));
            }
        }
        XmlWriter xml = XmlWriter.response("CreateSnapshots", requestId).start("snapshotSet");
        for (SandboxSnapshot snapshot : made) {
            xml.start("item");
            Ec2Xml.snapshotInfo(xml, snapshot, snapshots.progress(snapshot));
            xml.end();
        }
        return xml.finish();
    }

    /**
     * Copies the images side by side: EC2 takes the point in time of every volume at once, and copying
     * them one after another made the caller's freeze window grow with the number of volumes. Only the
     * disk is touched here, never the store, whose monitor the calling thread holds.
     */
    private void copyImages(List<SandboxVolume> volumes, List<String> snapshotIds) {
        if (volumes.size() < 2) {
            volumes.forEach(volume -> disks.snapshotImage(volume.id(), snapshotIds.get(0)));
            return;
        }
        ExecutorService copiers = Executors.newFixedThreadPool(Math.min(volumes.size(), 16));
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (int i = 0; i < volumes.size(); i++) {
                String volumeId = volumes.get(i).id();
                String snapshotId = snapshotIds.get(i);
                copies.add(copiers.submit(() -> disks.snapshotImage(volumeId, snapshotId)));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
        } catch (ExecutionException e) {
            discard(snapshotIds);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(snapshotIds);
            throw new Ec2Error(503, "Unavailable", "The service is unavailable. Please try again shortly.");
        } finally {
            copiers.shutdownNow();
        }
    }

    /** Best effort: the copy's own failure is the one to report. */
    private void discard(List<String> snapshotIds) {
        for (String snapshotId : snapshotIds) {
            try {
                disks.deleteSnapshotImage(snapshotId);
            } catch (RuntimeException e) {
                // an orphan image file in the sandbox's directory, nothing more
            }
        }
    }

    private static Map<String, String> tagsFor(SandboxVolume volume, boolean copy, Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>();
        if (copy) {
            all.putAll(volume.tags());
        }
        return Tags.merged(all, tags);
    }
}
