package io.snaptastic.mount;

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
public record MountRequest(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$") String snapshotter,
        Map<String, Object> userdata,
        boolean dryRun,
        boolean ignoreMounted) {}
