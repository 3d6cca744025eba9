package io.snaptastic.check;

/**
 * One line of the seed's {@code test} command, made useful: what was checked, whether it passed, and
 * for a failure what to do about it.
 */
public record CheckItem(String name, boolean ok, String detail, String remedy) {

    static CheckItem pass(String name, String detail) {
        return new CheckItem(name, true, detail, null);
    }

    static CheckItem fail(String name, String detail, String remedy) {
        return new CheckItem(name, false, detail, remedy);
    }
}
