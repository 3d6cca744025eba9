package io.snaptastic.operation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an operation does; written in lower case in JSON ({@code "mount"}). */
public enum OperationType {
    MOUNT,
    UNMOUNT,
    SNAPSHOT,
    CLEANUP;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
