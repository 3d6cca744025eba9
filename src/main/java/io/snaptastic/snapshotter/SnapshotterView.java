package io.snaptastic.snapshotter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A snapshotter as {@code GET /snapshotters} shows it.
 *
 * @param name its name
 * @param source {@code configuration} for a YAML snapshotter, {@code code} for a {@link Snapshotter} bean
 * @param volumesFrom where its volumes come from: {@code configuration}, {@code userdata}, or {@code code}
 * @param volumes the configured volumes, as they are attached (a {@code /dev/sdf1} shows as
 *     {@code /dev/sdf}); absent when they come from userdata or code
 * @param filterTags the userdata keys whose values select its snapshots; absent for code
 * @param settings description, retention, freeze and health settings (volumes, filter tags and hooks are
 *     not repeated in it)
 * @param warnings what the agent changed in the configured volumes; absent when nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SnapshotterView(
        String name,
        String source,
        String volumesFrom,
        List<VolumeSpec> volumes,
        List<String> filterTags,
        SnapshotterSettings settings,
        List<String> warnings) {

    static SnapshotterView of(Snapshotter snapshotter) {
        if (snapshotter instanceof YamlSnapshotter yaml) {
            SnapshotterSettings settings = yaml.settings();
            boolean fromUserdata = settings.volumesFromUserdata();
            WholeDiskVolumes disks = WholeDiskVolumes.of("volumes", settings.volumes());
            return new SnapshotterView(yaml.name(), "configuration", fromUserdata ? "userdata" : "configuration",
                    fromUserdata ? null : disks.volumes(), settings.filterTags(), settings,
                    fromUserdata || disks.warnings().isEmpty() ? null : disks.warnings());
        }
        // A bean's volumes and tags depend on the userdata it is given; none is read for a listing.
        return new SnapshotterView(snapshotter.name(), "code", "code", null, null, snapshotter.settings(), null);
    }
}
