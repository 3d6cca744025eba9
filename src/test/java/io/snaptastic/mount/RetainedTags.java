package io.snaptastic.mount;

import static org.mockito.ArgumentMatchers.argThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Matches the tags that retain a volume: retained=true, the reason, and a retained-at of the last minute. */
final class RetainedTags {

    private RetainedTags() {}

    static Map<String, String> retainedFor(String reason) {
        Instant earliest = Instant.now().minus(Duration.ofMinutes(1));
        return argThat(tags -> tags.size() == 3 && "true".equals(tags.get("snaptastic:retained"))
                && reason.equals(tags.get("snaptastic:retained-reason"))
                && tags.get("snaptastic:retained-at") != null
                && tags.get("snaptastic:retained-at").endsWith("Z")
                && !Instant.parse(tags.get("snaptastic:retained-at")).isBefore(earliest)
                && !Instant.parse(tags.get("snaptastic:retained-at")).isAfter(Instant.now()));
    }
}
