package io.snaptastic.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one EC2 Query request, with EC2's flattened forms: lists as {@code VolumeId.1},
 * structures as {@code InstanceSpecification.InstanceId}, lists of structures as
 * {@code TagSpecification.1.Tag.2.Key}.
 */
final class QueryParams {

    private static final Pattern INDEX = Pattern.compile("^(\\d+)(?:\\.|$)");

    private final Map<String, String> values;

    QueryParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parses an {@code application/x-www-form-urlencoded} body or query string. */
    static QueryParams parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form != null && !form.isEmpty()) {
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.put(name, value);
            }
        }
        return new QueryParams(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Ec2Error.client("MalformedQueryString", "The query string is not properly URL-encoded");
        }
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw Ec2Error.missing(name);
        }
        return value;
    }

    boolean bool(String name, boolean otherwise) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Ec2Error.invalidValue("Value (" + value + ") for parameter " + name + " is invalid. Expected a boolean.");
        };
    }

    Optional<Integer> integer(String name) {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw Ec2Error.invalidValue("Value (" + value + ") for parameter " + name + " is invalid. Expected an integer.");
        }
    }

    /** The values of a flattened list: {@code name.1}, {@code name.2} … in index order. */
    List<String> list(String name) {
        List<String> items = new ArrayList<>();
        for (int index : indexes(name)) {
            String value = values.get(name + "." + index);
            if (value != null) {
                items.add(value);
            }
        }
        return items;
    }

    /** The members of a flattened list of structures: {@code name.N.*}, each as its own parameters. */
    List<QueryParams> members(String name) {
        List<QueryParams> members = new ArrayList<>();
        for (int index : indexes(name)) {
            members.add(struct(name + "." + index));
        }
        return members;
    }

    /** A structure's fields: {@code name.Field} as {@code Field}. */
    QueryParams struct(String name) {
        String prefix = name + ".";
        Map<String, String> fields = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                fields.put(key.substring(prefix.length()), value);
            }
        });
        return new QueryParams(fields);
    }

    /** A flattened list of {@code Key}/{@code Value} pairs, such as {@code Tag.1.Key}; a missing value is empty. */
    Map<String, String> tags(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams tag : members(name)) {
            tags.put(tag.required("Key"), tag.get("Value").orElse(""));
        }
        return tags;
    }

    /** Each {@code Filter.N.Name} with its {@code Filter.N.Value.M}, in order; filters of one name stay apart. */
    List<Filters.Filter> filters() {
        List<Filters.Filter> filters = new ArrayList<>();
        for (QueryParams filter : members("Filter")) {
            String filterName = filter.get("Name").orElseThrow(() -> Ec2Error.missing("Filter.Name"));
            filters.add(new Filters.Filter(filterName, filter.list("Value")));
        }
        return filters;
    }

    /** The tags of every {@code TagSpecification.N} for this resource type; other types are an error. */
    Map<String, String> tagSpecifications(String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryParams spec : members("TagSpecification")) {
            String type = spec.get("ResourceType").orElse(resourceType);
            if (!type.equals(resourceType)) {
                throw Ec2Error.invalidValue("'" + type + "' is not a valid taggable resource type for this operation.");
            }
            Map<String, String> specTags = spec.tags("Tag");
            // EC2 refuses a specification without tags (API reference, TagSpecification:
            // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TagSpecification.html gives no message;
            // code and message as moto answers, getmoto/moto#5216).
            if (specTags.isEmpty()) {
                throw Ec2Error.invalidValue("Tag specification must have at least one tag");
            }
            tags.putAll(specTags);
        }
        Tags.validate(tags);
        return tags;
    }

    private TreeSet<Integer> indexes(String name) {
        String prefix = name + ".";
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(prefix)) {
                Matcher matcher = INDEX.matcher(key.substring(prefix.length()));
                if (matcher.find() && matcher.group(1).length() < 6) {
                    indexes.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        return indexes;
    }
}
