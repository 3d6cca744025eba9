package io.snaptastic.check;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of the seed's {@code test} command, made useful: what was checked, how it ended, and for a
 * failed or inconclusive item what to do about it.
 */
public record CheckItem(String name, CheckStatus status, String detail, String remedy) {

    /** True only when the check passed; an inconclusive item is not ok, nor is it a failure. */
    @JsonProperty("ok")
    public boolean ok() {
        return status == CheckStatus.PASSED;
    }

    public boolean failed() {
        return status == CheckStatus.FAILED;
    }

    static CheckItem pass(String name, String detail) {
        return new CheckItem(name, CheckStatus.PASSED, detail, null);
    }

    static CheckItem fail(String name, String detail, String remedy) {
        return new CheckItem(name, CheckStatus.FAILED, detail, remedy);
    }

    static CheckItem inconclusive(String name, String detail, String remedy) {
        return new CheckItem(name, CheckStatus.INCONCLUSIVE, detail, remedy);
    }
}
