package io.snaptastic.cli;

import io.snaptastic.workflow.VolumeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Prints a finished operation: one line for the whole, one per volume, the dry-run plan and other details. */
final class OperationReport {

    private OperationReport() {}

    /** Prints it and answers the exit code: 0 when it succeeded. */
    static int print(JsonNode operation, Console console) {
        boolean succeeded = "succeeded".equals(operation.path("status").asString());
        String headline = operation.path("type").asString() + " " + operation.path("snapshotter").asString() + ": "
                + operation.path("status").asString() + took(operation) + " (operation " + operation.path("id").asString() + ")";
        if (succeeded) {
            console.info(headline);
        } else {
            console.error(headline);
        }
        for (JsonNode volume : operation.path("volumes")) {
            volumeLine(volume, console);
        }
        for (Map.Entry<String, JsonNode> detail : operation.path("details").properties()) {
            detailLines(detail.getKey(), detail.getValue(), console);
        }
        JsonNode error = operation.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            console.error("  " + error.path("title").asString() + ": " + error.path("detail").asString());
        }
        return succeeded ? ExitCode.OK : ExitCode.FAILED;
    }

    static void volumeLine(JsonNode volume, Console console) {
        StringBuilder line = new StringBuilder("  ").append(volume.path("device").asString());
        if (volume.hasNonNull("mountPoint")) {
            line.append(" on ").append(volume.get("mountPoint").asString());
        }
        String status = volume.path("status").asString("unknown");
        line.append(": ").append(status);
        appendIfPresent(line, " volume ", volume, "volumeId");
        appendIfPresent(line, " snapshot ", volume, "snapshotId");
        if (volume.hasNonNull("freezeMillis")) {
            line.append(", frozen ").append(volume.get("freezeMillis").asLong()).append(" ms");
        }
        if (volume.hasNonNull("error")) {
            line.append(" at step ").append(volume.path("step").asString("?")).append(": ").append(volume.get("error").asString());
        }
        if (volume.hasNonNull("warning")) {
            line.append("; warning: ").append(volume.get("warning").asString());
        }
        // An agent of another version may answer a status this CLI does not know: it reads as unknown.
        switch (VolumeOutcome.Status.of(status)) {
            case FAILED -> console.error(line.toString());
            case SKIPPED -> console.warning(line.toString());
            default -> {
                if (volume.hasNonNull("warning")) {
                    console.warning(line.toString());
                } else {
                    console.info(line.toString());
                }
            }
        }
    }

    private static void detailLines(String key, JsonNode value, Console console) {
        if ("plan".equals(key) && value.isArray()) {
            console.info("  dry run, nothing was changed; the plan:");
            for (JsonNode planned : value) {
                console.info("  " + planned.path("device").asString() + " on " + planned.path("mountPoint").asString() + ": "
                        + planned.path("state").asString()
                        + (planned.hasNonNull("snapshotId") ? " from " + planned.get("snapshotId").asString() : ""));
                for (JsonNode call : planned.path("calls")) {
                    console.info("      " + call.asString());
                }
            }
        } else if ("warnings".equals(key) && value.isArray()) {
            // Printed as warnings, so a cron job at --loglevel WARNING still mails them.
            for (JsonNode warning : value) {
                console.warning("  warning: " + warning.asString());
            }
        } else if (!"dryRun".equals(key)) {
            console.info("  " + key + ": " + (value.isValueNode() ? value.asString() : value.toString()));
        }
    }

    private static void appendIfPresent(StringBuilder line, String label, JsonNode node, String field) {
        if (node.hasNonNull(field)) {
            line.append(",").append(label).append(node.get(field).asString());
        }
    }

    private static String took(JsonNode operation) {
        try {
            Instant start = Instant.parse(operation.path("startedAt").asString());
            Instant end = Instant.parse(operation.path("endedAt").asString());
            Duration took = Duration.between(start, end);
            return " in " + (took.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1fs", took.toMillis() / 1000.0) : Durations.describe(took));
        } catch (DateTimeParseException e) {
            return "";
        }
    }
}
