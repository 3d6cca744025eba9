package io.snaptastic.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How one check ended; written in lower case in JSON. {@code inconclusive}: the check could not tell,
 * such as a DryRun that EC2 answered about a placeholder id instead of about the permission.
 */
public enum CheckStatus {
    PASSED,
    FAILED,
    INCONCLUSIVE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
