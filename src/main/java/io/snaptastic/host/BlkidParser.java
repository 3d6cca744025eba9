package io.snaptastic.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code blkid -o export} and {@code blkid -p -o export}: one {@code KEY=value} per line.
 * For more than one device the blocks are separated by blank lines; the keys of later blocks win,
 * so callers probe one device at a time.
 */
public final class BlkidParser {

    private BlkidParser() {}

    public static Map<String, String> parseExport(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals).strip(), unescape(line.substring(equals + 1).strip()));
            }
        }
        return values;
    }

    /** The export format backslash-escapes shell specials (spaces in labels, for instance). */
    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
