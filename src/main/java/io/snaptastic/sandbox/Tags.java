package io.snaptastic.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tag maps in a stable order, and EC2's rules for tag keys and values. */
final class Tags {

    static final int MAX_PER_RESOURCE = 50;

    private Tags() {}

    static Map<String, String> copy(Map<String, String> tags) {
        return tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    static Map<String, String> merged(Map<String, String> base, Map<String, String> added) {
        Map<String, String> all = new LinkedHashMap<>(base);
        all.putAll(added);
        if (all.size() > MAX_PER_RESOURCE) {
            throw Ec2Error.client("TagLimitExceeded", "The maximum number of tags per resource is " + MAX_PER_RESOURCE);
        }
        return all;
    }

    static void validate(Map<String, String> tags) {
        tags.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw Ec2Error.invalidValue("Tag keys must be 1 to 128 characters long");
            }
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw Ec2Error.invalidValue("Tag keys starting with 'aws:' are reserved for internal use");
            }
            if (value.length() > 256) {
                throw Ec2Error.invalidValue("Tag values may be at most 256 characters long");
            }
        });
        if (tags.size() > MAX_PER_RESOURCE) {
            throw Ec2Error.client("TagLimitExceeded", "The maximum number of tags per resource is " + MAX_PER_RESOURCE);
        }
    }
}
