package io.snaptastic.snapshotter;

/** The seed's twelve hook points, in the order a workflow reaches them. */
public enum Hook {
    PRE_MOUNTS,
    PRE_MOUNT,
    POST_MOUNT,
    POST_MOUNTS,
    PRE_UNMOUNTS,
    PRE_UNMOUNT,
    POST_UNMOUNT,
    POST_UNMOUNTS,
    PRE_SNAPSHOTS,
    PRE_SNAPSHOT,
    POST_SNAPSHOT,
    POST_SNAPSHOTS;

    /** Whether the hook is called once per volume rather than once for all of them. */
    public boolean perVolume() {
        return this == PRE_MOUNT || this == POST_MOUNT || this == PRE_UNMOUNT || this == POST_UNMOUNT
                || this == PRE_SNAPSHOT || this == POST_SNAPSHOT;
    }
}
