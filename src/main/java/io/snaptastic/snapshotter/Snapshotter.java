package io.snaptastic.snapshotter;

import java.util.List;
import java.util.Map;

/**
 * A named set of volumes that are restored, snapshotted and unmounted together, and the hooks run
 * around those steps. YAML snapshotters implement it; so can a Spring bean of the user's, which is how
 * the Python snaptastic's subclasses move over. A hook that throws fails the step it belongs to.
 */
public interface Snapshotter {

    String name();

    /** The volumes, given the instance's userdata (or the request's replacement for it). */
    List<VolumeSpec> volumes(Map<String, Object> userdata);

    /**
     * The tags that select this snapshotter's snapshots, besides {@code mount_point}: key to value.
     *
     * @throws MissingUserdataException when a value the tags need is not in the userdata
     */
    Map<String, String> filterTags(Map<String, Object> userdata);

    /**
     * Description, retention, freeze and health settings; the defaults unless overridden. A bean's own
     * {@link #volumes}, {@link #filterTags} and {@link #hook} apply; the YAML-only components here do not.
     */
    default SnapshotterSettings settings() {
        return SnapshotterSettings.DEFAULT;
    }

    /**
     * Called at each hook point: once with all the volumes for the plural points ({@code PRE_MOUNTS}),
     * once per volume with that one volume for the others ({@link Hook#perVolume()}). Does nothing unless
     * overridden.
     */
    default void hook(Hook hook, List<VolumeSpec> volumes) {}
}
