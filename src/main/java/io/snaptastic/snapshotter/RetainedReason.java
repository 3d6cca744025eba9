package io.snaptastic.snapshotter;

import io.snaptastic.support.KebabCase;
import java.util.Optional;

/**
 * Why a volume is tagged {@code snaptastic:retained=true}, written kebab-case in
 * {@code snaptastic:retained-reason}: only a volume an unmount kept may be reattached in place of a restore.
 */
public enum RetainedReason {
    /** An unmount without deleteVolumes detached and kept it; it may hold writes no snapshot has. */
    UNMOUNT,
    /** Restored from a snapshot, its filesystem check or mount failed; kept for repair. */
    FAILED_RESTORE,
    /** Attached here, unmounted, and no configured mount point uses it any more: detached by the reaper, kept. */
    UNCONFIGURED;

    public String tagValue() {
        return KebabCase.of(this);
    }

    /** The reason a tag value names; empty for none or one this agent does not know. */
    public static Optional<RetainedReason> of(String tagValue) {
        return Optional.ofNullable(KebabCase.parse(RetainedReason.class, tagValue, null));
    }
}
