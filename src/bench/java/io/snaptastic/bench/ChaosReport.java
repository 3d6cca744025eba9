package io.snaptastic.bench;

import io.snaptastic.e2e.ChaosResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The chaos section's tables: rounds per operation, kills per step, violations and restart times. */
record ChaosReport(ChaosResult result) {

    String render() {
        StringBuilder out = new StringBuilder("\n| chaos drill | figure |\n| --- | --- |\n");
        row(out, "rounds (seed " + result.seed() + ")", result.rounds().size() + ": " + joined(result.roundsPerOperation()));
        row(out, "kill windows (each operation uninterrupted)", result.windows().entrySet().stream()
                .map(e -> e.getKey().label() + " " + e.getValue().toMillis() + " ms").collect(Collectors.joining(", ")));
        row(out, "violations (expected 0)", result.violations().isEmpty() ? "0" : result.violations().size() + ": "
                + result.violations().get(0).describe().replace("\n", " "));
        if (!result.reconciledMillis().isEmpty()) {
            row(out, "restart → live (p50 / p95 / max)", percentiles(result.liveMillis()));
            row(out, "restart → reconciled, readiness's recovery UP (p50 / p95 / max)", percentiles(result.reconciledMillis()));
        }
        out.append("\n| killed at (operation @ step) | kills |\n| --- | --- |\n");
        result.killSteps().forEach((step, kills) -> row(out, step, String.valueOf(kills)));
        out.append("\nChaos drill: sandbox on loopback, ").append(result.latency().toMillis())
                .append(" ms injected per EC2 call (").append(3 * result.latency().toMillis())
                .append(" ms per call that changes something), 50 ms per state transition; each kill at a random moment "
                        + "within its operation's uninterrupted time (kill windows).\n");
        return out.toString();
    }

    private static String percentiles(List<Long> millis) {
        return Stats.median(millis) + " / " + Stats.percentile(millis, 95) + " / " + Stats.max(millis) + " ms";
    }

    private static String joined(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void row(StringBuilder out, String what, String figure) {
        out.append("| ").append(what).append(" | ").append(figure).append(" |\n");
    }
}
