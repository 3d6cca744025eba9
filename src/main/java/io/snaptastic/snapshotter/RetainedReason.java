package io.snaptastic.snapshotter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a volume is tagged {@code snaptastic:retained=true}, written kebab-case in
 * {@code snaptastic:retained-reason}: only a volume an unmount kept may be reattached in place of a restore.
 */
public enum RetainedReason {
    /** An unmount without deleteVolumes detached and kept it; it may hold writes no snapshot has. */
    UNMOUNT,
    /** Restored from a snapshot, its filesystem check or mount failed; kept for repair. */
    FAILED_RESTORE;

    public String tagValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The reason a tag value names; empty for none or one this agent does not know. */
    public static Optional<RetainedReason> of(String tagValue) {
        return Arrays.stream(values()).filter(reason -> reason.tagValue().equals(tagValue)).findFirst();
    }
}
