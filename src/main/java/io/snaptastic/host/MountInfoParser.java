package io.snaptastic.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses {@code /proc/self/mountinfo}: see proc(5). Paths are decoded from the kernel's octal
 * escapes ({@code \040} for a space); the optional fields ({@code shared:1 master:2}) are skipped.
 */
public final class MountInfoParser {

    private MountInfoParser() {}

    public static List<MountEntry> parse(String text) {
        List<MountEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                entries.add(parseLine(lines[i], i + 1));
            }
        }
        return entries;
    }

    private static MountEntry parseLine(String line, int number) {
        String[] fields = line.strip().split(" ");
        int separator = Arrays.asList(fields).indexOf("-");
        // Six fixed fields, then optional fields up to "-", then type, source and super options.
        if (separator < 6 || fields.length < separator + 3) {
            throw new IllegalArgumentException("malformed mountinfo line " + number + ": " + line);
        }
        try {
            return new MountEntry(
                    Integer.parseInt(fields[0]),
                    Integer.parseInt(fields[1]),
                    fields[2],
                    unescape(fields[3]),
                    unescape(fields[4]),
                    List.of(fields[5].split(",")),
                    fields[separator + 1],
                    unescape(fields[separator + 2]),
                    fields.length > separator + 3 ? List.of(fields[separator + 3].split(",")) : List.of());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed mountinfo line " + number + ": " + line, e);
        }
    }

    /** Decodes {@code \ooo} escapes, which the kernel writes for space, tab, newline and backslash. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String text, int from) {
        for (int i = from; i < from + 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
