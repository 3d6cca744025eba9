package io.snaptastic.retention;

import jakarta.validation.constraints.NotBlank;

/**
 * The body of {@code POST /snapshots/cleanup}.
 *
 * @param snapshotter whose snapshots retention applies to
 * @param dryRun list what would be deleted, delete nothing
 */
record CleanupRequest(@NotBlank String snapshotter, boolean dryRun) {}
