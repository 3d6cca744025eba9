package io.snaptastic.snapshotter;

import java.util.List;
import java.util.Map;

/**
 * A named set of volumes that are restored, snapshotted and unmounted together, and the hooks run
 * around those steps. YAML snapshotters implement it; so can a Spring bean of the user's, which is how
 * the Python snaptastic's subclasses move over. Every hook does nothing unless overridden; a hook
 * that throws fails the step it belongs to.
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

    /** Description, retention and freeze settings; the defaults unless overridden. */
    default SnapshotterSettings settings() {
        return SnapshotterSettings.DEFAULT;
    }

    default void preMounts(List<VolumeSpec> volumes) {}

    default void preMount(VolumeSpec volume) {}

    default void postMount(VolumeSpec volume) {}

    default void postMounts(List<VolumeSpec> volumes) {}

    default void preUnmounts(List<VolumeSpec> volumes) {}

    default void preUnmount(VolumeSpec volume) {}

    default void postUnmount(VolumeSpec volume) {}

    default void postUnmounts(List<VolumeSpec> volumes) {}

    default void preSnapshots(List<VolumeSpec> volumes) {}

    default void preSnapshot(VolumeSpec volume) {}

    default void postSnapshot(VolumeSpec volume) {}

    default void postSnapshots(List<VolumeSpec> volumes) {}
}
