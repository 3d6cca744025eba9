package io.snaptastic.snapshot;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * A request to snapshot a snapshotter's volumes (the seed's make-snapshots).
 *
 * @param snapshotter the snapshotter's name
 * @param userdata replaces the instance's userdata for this request (the seed's --userdata)
 */
@Schema(description = "What to snapshot (the seed's make-snapshots NAME [--userdata])")
public record SnapshotRequest(
        @Schema(description = "The snapshotter's name", example = "solr")
        @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$") String snapshotter,
        @Schema(description = "Replaces the instance's userdata for this request (the seed's --userdata)",
                example = "{\"role\": \"solr\", \"cluster\": \"solr\", \"environment\": \"sandbox\"}")
        Map<String, Object> userdata) {}
