package io.snaptastic.operation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an operation is; written in lower case in JSON ({@code "running"}). */
public enum OperationStatus {
    RUNNING,
    SUCCEEDED,
    FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
