package io.snaptastic.workflow;

import io.snaptastic.support.KebabCase;

/**
 * Where a volume stands in a mount, snapshot or unmount: the step reached, or the one that failed.
 * Journals and API answers write it kebab-case ({@code create-snapshot}); {@link #UNKNOWN} is a step
 * that an older or newer agent wrote and this one does not know.
 */
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
    DONE,
    UNKNOWN;

    public String json() {
        return KebabCase.of(this);
    }

    /** The step {@code text} names, {@link #UNKNOWN} for one this agent does not know, null for none. */
    public static VolumeStep of(String text) {
        return text == null ? null : KebabCase.parse(VolumeStep.class, text, UNKNOWN);
    }
}
