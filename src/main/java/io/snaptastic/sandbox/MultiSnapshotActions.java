package io.snaptastic.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateSnapshots: one snapshot of each volume attached to the instance, all copied in one request
 * while the store is held, so no sandbox call changes any of them in between.
 */
final class MultiSnapshotActions {

    private final SandboxStore store;
    private final SnapshotActions snapshots;
    private final FaultInjector faults;

    MultiSnapshotActions(SandboxContext context, SnapshotActions snapshots) {
        this.store = context.store();
        this.snapshots = snapshots;
        this.faults = context.faults();
    }

    void register(Map<String, QueryAction> actions) {
        actions.put("CreateSnapshots", this::createSnapshots);
    }

    private String createSnapshots(QueryParams params, String requestId) {
        QueryParams spec = params.struct("InstanceSpecification");
        String instanceId = spec.get("InstanceId").orElseThrow(() -> Ec2Error.missing("InstanceSpecification.InstanceId"));
        boolean excludeBoot = spec.bool("ExcludeBootVolume", false);
        List<String> excluded = spec.list("ExcludeDataVolumeId");
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
            volumes.forEach(volume -> faults.beforeSnapshot(volume.id()));
            for (SandboxVolume volume : volumes) {
                made.add(snapshots.capture(volume, description, tagsFor(volume, copyTags != null, tags)));
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

    private static Map<String, String> tagsFor(SandboxVolume volume, boolean copy, Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>();
        if (copy) {
            all.putAll(volume.tags());
        }
        return Tags.merged(all, tags);
    }
}
