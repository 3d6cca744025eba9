package io.snaptastic.retention;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /snapshots/cleanup}.
 *
 * @param snapshotter whose snapshots retention applies to
 * @param dryRun list what would be deleted, delete nothing
 */
@Schema(description = "Whose retention to apply (the seed's clean, limited to this agent's own snapshots)")
record CleanupRequest(
        @Schema(description = "The snapshotter's name", example = "solr")
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$") String snapshotter,
        @Schema(description = "List what would be deleted and kept, delete nothing") boolean dryRun) {}
