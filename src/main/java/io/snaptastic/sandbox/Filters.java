package io.snaptastic.sandbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * EC2's {@code Filter.N} semantics for one resource type: every filter must match (and), any of a
 * filter's values may (or); values may hold {@code *} and {@code ?} wildcards. Besides the type's own
 * filter names, {@code tag:KEY}, {@code tag-key} and {@code tag-value} work on every type.
 */
final class Filters<T> {

    /**
     * One {@code Filter.N}: its name and values. Two filters may share a name (two {@code tag-key}
     * filters) and each must still match on its own: "If you specify multiple filters, the filters are
     * joined with an AND" (EC2 API reference, Filter: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Filter.html).
     */
    record Filter(String name, List<String> values) {

        Filter {
            values = List.copyOf(values);
        }
    }

    private final Map<String, Function<T, Collection<String>>> fields;
    private final Function<T, Map<String, String>> tags;

    Filters(Map<String, Function<T, Collection<String>>> fields, Function<T, Map<String, String>> tags) {
        this.fields = Map.copyOf(fields);
        this.tags = tags;
    }

    /** The items that match every filter; an unknown filter name is an error, as in EC2. */
    List<T> apply(List<T> items, List<Filter> filters) {
        for (Filter filter : filters) {
            if (!known(filter.name())) {
                throw Ec2Error.invalidValue("The filter '" + filter.name() + "' is invalid");
            }
            if (filter.values().isEmpty()) {
                throw Ec2Error.invalidValue("The filter '" + filter.name() + "' needs at least one value");
            }
        }
        return items.stream().filter(item -> matchesAll(item, filters)).toList();
    }

    private boolean known(String name) {
        return fields.containsKey(name) || name.startsWith("tag:") || name.equals("tag-key") || name.equals("tag-value");
    }

    private boolean matchesAll(T item, List<Filter> filters) {
        for (Filter filter : filters) {
            Collection<String> actual = valuesOf(item, filter.name());
            boolean any = filter.values().stream()
                    .anyMatch(pattern -> actual.stream().anyMatch(value -> wildcard(pattern, value)));
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private Collection<String> valuesOf(T item, String name) {
        if (name.startsWith("tag:")) {
            String value = tags.apply(item).get(name.substring(4));
            return value == null ? List.of() : List.of(value);
        }
        if (name.equals("tag-key")) {
            return tags.apply(item).keySet();
        }
        if (name.equals("tag-value")) {
            return tags.apply(item).values();
        }
        return fields.get(name).apply(item);
    }

    /** EC2's wildcards: {@code *} any run of characters, {@code ?} one, a backslash escapes either. */
    static boolean wildcard(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '?')) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    /** A value list of one item, or none when it is null: a field that a resource may lack. */
    static Collection<String> optional(Object value) {
        return value == null ? List.of() : List.of(value.toString());
    }
}
