package io.snaptastic.snapshotter;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The snapshotters under {@code snaptastic.snapshotters}, bound apart from the agent-wide
 * {@code SnaptasticProperties} so that config/ knows nothing of snapshotters.
 *
 * @param snapshotters the snapshotters, by name
 */
@ConfigurationProperties("snaptastic")
public record SnapshottersProperties(Map<String, SnapshotterSettings> snapshotters) {

    public SnapshottersProperties {
        snapshotters = snapshotters == null ? Map.of() : Map.copyOf(snapshotters);
    }
}
