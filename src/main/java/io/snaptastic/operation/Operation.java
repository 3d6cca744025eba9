package io.snaptastic.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.snaptastic.workflow.VolumeOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long-running request (mount, unmount, snapshot, cleanup) as a client sees it: immutable, replaced
 * by a new value on every change.
 *
 * @param id the operation's id, also its URL {@code /operations/{id}}
 * @param type what it does
 * @param snapshotter the snapshotter it works on; one operation per snapshotter runs at a time
 * @param status running, succeeded or failed
 * @param startedAt when it was accepted
 * @param endedAt when it finished; absent while running
 * @param volumes what it did to each volume so far
 * @param error why it failed; absent unless failed
 * @param details anything else the service reports (dry run, counts of deleted snapshots …)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A mount, unmount or snapshot that runs or ran; GET /operations/{id} shows it")
public record Operation(
        @Schema(description = "The operation's id, also its URL /operations/{id}",
                example = "op-3f2b8c1e-6a1d-4c55-9f0e-2d7a9b41c0de") String id,
        @Schema(description = "What it does") OperationType type,
        @Schema(description = "The snapshotter it works on", example = "solr") String snapshotter,
        @Schema(description = "running, then succeeded or failed") OperationStatus status,
        @Schema(description = "When it was accepted", example = "2026-11-29T12:00:00Z") Instant startedAt,
        @Schema(description = "When it finished; absent while it runs", example = "2026-11-29T12:00:41Z") Instant endedAt,
        @Schema(description = "What it did to each volume so far") List<VolumeOutcome> volumes,
        @Schema(description = "Why it failed, as the problem an error answer would carry; absent unless failed")
        OperationProblem error,
        @Schema(description = "Anything else it reports, such as the plan of a dry run")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> details) {

    public Operation {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A new, running operation with nothing done yet. */
    public static Operation started(String id, OperationType type, String snapshotter, Instant at) {
        return new Operation(id, type, snapshotter, OperationStatus.RUNNING, at, null, List.of(), null, Map.of());
    }

    /** Whether it has succeeded or failed, so nothing about it changes any more. */
    public boolean finished() {
        return status != OperationStatus.RUNNING;
    }

    Operation withVolumes(List<VolumeOutcome> newVolumes) {
        return new Operation(id, type, snapshotter, status, startedAt, endedAt, newVolumes, error, details);
    }

    Operation withDetails(Map<String, Object> newDetails) {
        return new Operation(id, type, snapshotter, status, startedAt, endedAt, volumes, error, newDetails);
    }

    Operation succeeded(Instant at) {
        return new Operation(id, type, snapshotter, OperationStatus.SUCCEEDED, startedAt, at, volumes, null, details);
    }

    Operation failed(Instant at, OperationProblem problem) {
        return new Operation(id, type, snapshotter, OperationStatus.FAILED, startedAt, at, volumes, problem, details);
    }
}
