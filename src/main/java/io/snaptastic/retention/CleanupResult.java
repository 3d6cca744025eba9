package io.snaptastic.retention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one retention run deleted (or, in a dry run, would delete) and what it kept, each with why.
 *
 * @param dryRun whether nothing was actually deleted
 * @param deleted the snapshots deleted, or that a dry run would delete
 * @param kept the snapshots kept
 */
public record CleanupResult(boolean dryRun, List<RetentionDecision> deleted, List<RetentionDecision> kept) {

    public CleanupResult {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
    }

    /** Whether every delete that was decided went through. */
    public boolean complete() {
        return kept.stream().noneMatch(d -> d.reason() == RetentionDecision.Reason.DELETE_FAILED);
    }

    /** The result as plain JSON values, for an operation's details. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dryRun", dryRun);
        details.put("deleted", deleted.stream().map(CleanupResult::item).toList());
        details.put("kept", kept.stream().map(CleanupResult::item).toList());
        return details;
    }

    private static Map<String, Object> item(RetentionDecision decision) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("snapshotId", decision.snapshotId());
        item.put("mountPoint", decision.mountPoint());
        if (decision.startTime() != null) {
            item.put("startTime", decision.startTime().toString());
        }
        item.put("reason", decision.reason().json());
        return item;
    }
}
