package io.snaptastic.mount;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * A request to mount a snapshotter's volumes (the seed's mount-snapshots).
 *
 * @param snapshotter the snapshotter's name
 * @param userdata replaces the instance's userdata for this request (the seed's --userdata)
 * @param dryRun only report what would be done
 * @param ignoreMounted skip volumes whose mount point is already mounted from something else
 */
@Schema(description = "What to mount (the seed's mount-snapshots NAME [--userdata] [--dry-run] [--ignore-mounted])")
public record MountRequest(
        @Schema(description = "The snapshotter's name", example = "solr")
        @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$") String snapshotter,
        @Schema(description = "Replaces the instance's userdata for this request (the seed's --userdata)",
                example = "{\"role\": \"solr\", \"cluster\": \"solr\", \"environment\": \"sandbox\"}")
        Map<String, Object> userdata,
        @Schema(description = "Only report what would be done: the operation's details hold the plan") boolean dryRun,
        @Schema(description = "Skip a volume whose mount point is already mounted from something else") boolean ignoreMounted) {}
