package io.snaptastic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders one bench run as one markdown table: each figure, the seed's way or a reference beside it, the target and its verdict. */
final class Report {

    private static final String MET = "met";
    private static final String MISSED = "**MISSED**";

    private final Results r;
    private final List<String> rows = new ArrayList<>();

    Report(Results results) {
        this.r = results;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        BenchSettings s = r.settings;
        calls();
        freeze();
        mountTime();
        startup();
        latency();
        if (!rows.isEmpty()) {
            out.append("| # | figure | agent | seed's way / reference | target | verdict |\n");
            out.append("| --- | --- | --- | --- | --- | --- |\n");
            rows.forEach(row -> out.append(row).append('\n'));
        }
        if (r.chaos != null) {
            out.append(new ChaosReport(r.chaos).render());
        }
        if (rows.isEmpty()) {
            out.append('\n').append(String.format("%d CPU cores, load average %s before and %s after; bench took %d s.%n",
                    Runtime.getRuntime().availableProcessors(), r.loadBefore, r.loadAfter, r.totalSeconds));
            return out.toString();
        }
        out.append('\n').append(String.format(
                "Sandbox on loopback, %d ms injected per EC2 call (%d ms on CreateSnapshot/CreateSnapshots), %d ms per state "
                        + "transition; agent figures are medians of %d rounds after one warm-up round, the seed's replay %d "
                        + "round(s), start-up figures medians (and ranges) of %d rounds; %d CPU cores, load average %s before "
                        + "and %s after; bench took %d s.%n",
                s.callLatency().toMillis(), s.snapshotLatency().toMillis(), s.stateDelay().toMillis(), s.repeat(), s.seedRepeat(),
                s.startupRepeat(),
                Runtime.getRuntime().availableProcessors(), r.loadBefore, r.loadAfter, r.totalSeconds));
        return out.toString();
    }

    private void calls() {
        for (var entry : r.agent.entrySet()) {
            int n = entry.getKey();
            Results.Side agent = entry.getValue();
            Results.Side seed = r.seed.get(n);
            long agentCalls = medianTotal(agent.snapshotCalls);
            row("1", "EC2 calls, make-snapshots, " + n + " vol", calls(agent.snapshotCalls),
                    seed == null ? "—" : calls(seed.snapshotCalls), "≤ 2", agentCalls <= 2 ? MET : MISSED);
        }
        for (var entry : r.agent.entrySet()) {
            int n = entry.getKey();
            Results.Side seed = r.seed.get(n);
            row("1", "EC2 calls, mount-snapshots, " + n + " vol", calls(entry.getValue().mountCalls),
                    seed == null ? "—" : calls(seed.mountCalls), "—", "—");
        }
    }

    private void freeze() {
        long budget = r.settings.snapshotLatency().toMillis() + 50;
        for (var entry : r.agent.entrySet()) {
            int n = entry.getKey();
            Results.Side agent = entry.getValue();
            Results.Side seed = r.seed.get(n);
            long agentMax = Stats.max(agent.freezePerVolume);
            row("2", "freeze per volume, " + n + " vol (median / max)",
                    ms(Stats.median(agent.freezePerVolume)) + " / " + ms(agentMax),
                    seed == null ? "—" : ms(Stats.median(seed.freezePerVolume)) + " / " + ms(Stats.max(seed.freezePerVolume)),
                    "≤ " + budget + " ms", agentMax <= budget ? MET : MISSED);
            long points = agent.pointsInTime();
            row("2", "freeze in total, " + n + " vol (first freeze → last thaw)",
                    ms(Stats.median(agent.freezeTotal)) + ", " + points + " point(s) in time",
                    seed == null ? "—" : ms(Stats.median(seed.freezeTotal)) + ", " + seed.pointsInTime() + " point(s) in time",
                    "one point in time", points == 1 ? MET : MISSED);
        }
    }

    private void mountTime() {
        if (r.agent.isEmpty()) {
            return;
        }
        Results.Side one = r.agent.get(1);
        long floor = 2 * r.settings.callLatency().toMillis() + 2 * r.settings.stateDelay().toMillis()
                + (r.formatAndMount.isEmpty() ? 0 : Stats.median(r.formatAndMount));
        row("3", "mount-snapshots floor (create → available → attach → attached, mkfs + mount)", ms(floor),
                "mkfs + mount alone: " + (r.formatAndMount.isEmpty() ? "—" : ms(Stats.median(r.formatAndMount))), "—", "—");
        for (var entry : r.agent.entrySet()) {
            int n = entry.getKey();
            long agent = Stats.median(entry.getValue().mountMillis);
            Results.Side seed = r.seed.get(n);
            String ratio = one == null ? "" : String.format(" (%.2f× 1 vol)", (double) agent / Stats.median(one.mountMillis));
            boolean judged = one != null && n == 16;
            boolean met = judged && agent <= 1.3 * Stats.median(one.mountMillis);
            row("3", "mount-snapshots wall time, " + n + " vol", ms(agent) + ratio,
                    seed == null ? "—" : ms(Stats.median(seed.mountMillis)),
                    n == 16 ? "≤ 1.3 × 1 vol" : "—", judged ? (met ? MET : MISSED) : "—");
        }
    }

    private void startup() {
        for (Results.StartupRow row : r.startup) {
            boolean judged = row.role() == Results.StartupRow.Role.TARGET;
            long ready = Stats.median(row.readyMillis());
            String figure = ms(ready) + " (" + Stats.min(row.readyMillis()) + "-" + Stats.max(row.readyMillis()) + "), RSS "
                    + Stats.median(row.rssMib()) + " MiB";
            if (row.role() == Results.StartupRow.Role.REFERENCE) {
                row("4", "start → ready, RSS: " + row.name(), "—", figure, "reference", "—");
            } else {
                row("4", "start → ready, RSS: " + row.name(), figure, "—", judged ? "≤ 1000 ms" : "—",
                        judged ? (ready <= 1000 ? MET : MISSED) : "—");
            }
        }
    }

    private void latency() {
        if (r.mountLatency == null) {
            return;
        }
        row("5", "GET /volumes p50 / p99, idle, " + r.settings.requestRate() + " req/s", latency(r.idleLatency), "—", "—", "—");
        long p99 = Stats.percentile(r.mountLatency.micros(), 99) / 1000;
        row("5", "GET /volumes p50 / p99 during " + r.settings.repeat() + " mounts of " + r.latencyVolumes + " vol, "
                        + r.settings.requestRate() + " req/s",
                latency(r.mountLatency), "—", "p99 ≤ 20 ms",
                p99 <= 20 && r.mountLatency.failures() == 0 ? MET : MISSED);
    }

    private static String latency(LatencyProbe.Samples samples) {
        return String.format("%.1f / %.1f ms (%d requests, %d failed)", Stats.percentile(samples.micros(), 50) / 1000.0,
                Stats.percentile(samples.micros(), 99) / 1000.0, samples.micros().size() + samples.failures(), samples.failures());
    }

    private void row(String figure, String what, String agent, String seed, String target, String verdict) {
        rows.add("| " + String.join(" | ", figure, what, agent, seed, target, verdict) + " |");
    }

    /** The median total, with the breakdown of the first round. */
    private static String calls(List<Map<String, Long>> rounds) {
        long total = medianTotal(rounds);
        String breakdown = rounds.get(0).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return total + " (" + breakdown + ")";
    }

    private static long medianTotal(List<Map<String, Long>> rounds) {
        return Stats.median(rounds.stream().map(CountingProxy::total).toList());
    }

    private static String ms(long millis) {
        return millis + " ms";
    }
}
