package io.snaptastic.support;

import java.util.Locale;

/**
 * Enum constants as the agent persists and serves them: lower case, words joined by hyphens
 * ({@code ALREADY_MOUNTED} is {@code already-mounted}), and read back with a fallback for text a
 * newer or older agent wrote.
 */
public final class KebabCase {

    private KebabCase() {}

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose kebab-case name is {@code text} exactly, else {@code unknown}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, E unknown) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(text)) {
                return constant;
            }
        }
        return unknown;
    }
}
