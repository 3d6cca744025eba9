package io.snaptastic.snapshot;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * A request to snapshot a snapshotter's volumes (the seed's make-snapshots).
 *
 * @param snapshotter the snapshotter's name
 * @param userdata replaces the instance's userdata for this request (the seed's --userdata)
 */
public record SnapshotRequest(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$") String snapshotter, Map<String, Object> userdata) {}
