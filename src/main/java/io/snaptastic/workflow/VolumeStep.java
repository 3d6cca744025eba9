package io.snaptastic.workflow;

/** Where a volume stands in a mount, snapshot or unmount: the step reached, or the one that failed. */
public enum VolumeStep {
    PLANNED,
    WAIT_FOR_SNAPSHOT,
    PRE_MOUNT_HOOK,
    CREATE_VOLUME,
    AWAIT_AVAILABLE,
    ATTACH,
    AWAIT_ATTACHED,
    RESOLVE_DEVICE,
    FORMAT,
    CHECK_FILESYSTEM,
    GROW_FILESYSTEM,
    MOUNT,
    SET_DELETE_ON_TERMINATION,
    POST_MOUNT_HOOK,
    CLEAN_UP,
    PRE_UNMOUNT_HOOK,
    UNMOUNT,
    DETACH,
    AWAIT_DETACHED,
    DELETE_VOLUME,
    POST_UNMOUNT_HOOK,
    PRE_SNAPSHOT_HOOK,
    FIND_VOLUME,
    FREEZE,
    CREATE_SNAPSHOT,
    POST_SNAPSHOT_HOOK,
    DONE
}
