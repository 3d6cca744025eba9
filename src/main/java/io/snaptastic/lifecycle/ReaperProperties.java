package io.snaptastic.lifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reaper of leaked volumes, under {@code snaptastic.reaper}.
 *
 * @param enabled whether it runs at all
 * @param interval how often it looks
 * @param availableFor how long a managed volume of this instance must have been seen {@code available}
 *     before it is deleted, and seen attached with no configured mount point using it before it is
 *     tagged retained and detached
 */
@ConfigurationProperties("snaptastic.reaper")
public record ReaperProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration interval,
        @DefaultValue("1h") Duration availableFor) {}
