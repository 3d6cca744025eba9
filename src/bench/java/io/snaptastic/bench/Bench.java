package io.snaptastic.bench;

import io.snaptastic.host.ProcessHostExecutor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark behind bench/run: the packaged agent as a real process against its sandbox with
 * injected latency, each figure beside the same work done the seed's way in the same run.
 * Prints one markdown table and writes it to bench/out.
 */
public final class Bench {

    private static final List<Runnable> EXIT_ACTIONS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Bench::runExitActions, "bench-cleanup"));
    }

    private Bench() {}

    /** Registers a release that runs at the end, also when the bench fails or is interrupted. */
    static void onExit(Runnable action) {
        EXIT_ACTIONS.add(action);
    }

    private static void runExitActions() {
        List<Runnable> actions = new ArrayList<>(EXIT_ACTIONS);
        EXIT_ACTIONS.clear();
        Collections.reverse(actions);
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                System.err.println("bench: cleanup step failed: " + e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromEnvironment();
        Results results = new Results(settings);
        results.loadBefore = loadAverage();
        long started = System.nanoTime();
        try {
            if (settings.sections().contains("workload")) {
                workload(settings, results);
            }
            if (settings.sections().contains("startup")) {
                new StartupBench(settings).run(results);
            }
            if (settings.sections().contains("chaos")) {
                results.chaos = ChaosBench.run(settings);
            }
        } finally {
            runExitActions();
        }
        results.totalSeconds = (System.nanoTime() - started) / 1_000_000_000L;
        results.loadAfter = loadAverage();
        String table = new Report(results).render();
        System.out.println(table);
        Files.createDirectories(settings.out());
        Files.writeString(settings.out().resolve("bench-" + Instant.now().toString().replace(':', '-') + ".md"), table);
        Files.writeString(settings.out().resolve("latest.md"), table);
    }

    /** Figures 1, 2, 3 and 5: one agent, every volume count, the seed's replay beside it. */
    private static void workload(BenchSettings settings, Results results) throws Exception {
        Path root = Files.createTempDirectory("snaptastic-bench").toRealPath();
        Agent.Ports ports = Agent.Ports.free();
        try (CountingProxy proxy = CountingProxy.start(URI.create("http://127.0.0.1:" + ports.sandbox()))) {
            List<String> extra = new ArrayList<>(List.of(
                    "--snaptastic.aws.ec2-endpoint=" + proxy.uri(),
                    "--snaptastic.sandbox.state-delay=" + settings.stateDelay().toMillis() + "ms",
                    "--snaptastic.sandbox.snapshot-delay=1s",
                    "--snaptastic.sandbox.faults.latency.default=" + settings.callLatency().toMillis() + "ms",
                    "--snaptastic.sandbox.faults.latency.CreateSnapshots=" + settings.snapshotLatency().toMillis() + "ms",
                    "--snaptastic.sandbox.faults.latency.CreateSnapshot=" + settings.snapshotLatency().toMillis() + "ms"));
            String more = System.getenv("BENCH_AGENT_ARGS");
            if (more != null && !more.isBlank()) {
                extra.addAll(List.of(more.trim().split("\\s+")));
            }
            for (int n : settings.sizes()) {
                for (int i = 0; i < n; i++) {
                    String prefix = "--snaptastic.snapshotters.b" + n + ".volumes[" + i + "].";
                    extra.add(prefix + "device=" + device(i));
                    extra.add(prefix + "mount-point=" + root.resolve("mnt/b" + n + "/v" + i));
                    extra.add(prefix + "size=1");
                    extra.add(prefix + "file-system=ext4");
                }
            }
            // The JVM options the systemd unit gives the agent, unless BENCH_AGENT_JVM_ARGS says otherwise.
            List<String> java = new ArrayList<>(List.of(settings.java17()));
            String options = System.getenv("BENCH_AGENT_JVM_ARGS");
            java.addAll(options == null ? StartupBench.AS_SHIPPED : options.isBlank() ? List.of() : List.of(options.trim().split("\\s+")));
            java.addAll(List.of("-jar", settings.jar().toString()));
            log("starting the agent (%s, sandbox, %d ms per EC2 call, %d ms per state transition)", java,
                    settings.callLatency().toMillis(), settings.stateDelay().toMillis());
            try (Agent agent = Agent.start(java, root, ports, extra,
                    settings.out().resolve("agent-workload.log"));
                    SeedReplay seed = new SeedReplay(proxy.uri(), root.resolve("state/sandbox/dev"), new ProcessHostExecutor())) {
                // One unmeasured round first: the figures are of a running agent, not of its first JIT-cold request.
                log("agent: warm-up round, not measured");
                agentRound(agent, proxy, seed, settings.sizes().get(0), new Results(settings));
                for (int n : settings.sizes()) {
                    for (int r = 0; r < settings.repeat(); r++) {
                        agentRound(agent, proxy, seed, n, results);
                    }
                    for (int r = 0; r < settings.seedRepeat(); r++) {
                        seedRound(seed, proxy, root, n, results);
                    }
                }
                latencyDuringMount(settings, agent, seed, results);
            }
        }
    }

    private static void agentRound(Agent agent, CountingProxy proxy, SeedReplay seed, int n, Results results) {
        String body = "{\"snapshotter\":\"b" + n + "\"}";
        log("agent: mount-snapshots, %d volumes", n);
        proxy.reset();
        long t0 = System.nanoTime();
        Agent.succeeded(agent.post("/mounts?wait=600", body));
        long mountMillis = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Long> mountCalls = proxy.counts();

        log("agent: make-snapshots, %d volumes", n);
        proxy.reset();
        JsonNode snapshot = Agent.succeeded(agent.post("/snapshots?wait=600", body));
        Map<String, Long> snapshotCalls = proxy.counts();
        List<Long> freeze = new ArrayList<>();
        snapshot.get("volumes").forEach(v -> freeze.add(v.get("freezeMillis").asLong()));

        Agent.succeeded(agent.delete("/mounts/b" + n + "?deleteVolumes=true&wait=600"));
        seed.deleteSnapshotsTagged("snaptastic:snapshotter", "b" + n);
        results.agent(n).add(mountMillis, mountCalls, snapshotCalls, freeze, Collections.max(freeze));
    }

    private static void seedRound(SeedReplay seed, CountingProxy proxy, Path root, int n, Results results) throws Exception {
        List<SeedReplay.SeedVolume> volumes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            volumes.add(new SeedReplay.SeedVolume(device(i), root.resolve("mnt/seed" + n + "/v" + i)));
        }
        log("seed replay: mount-snapshots, %d volumes", n);
        proxy.reset();
        SeedReplay.MountFigures mount;
        SeedReplay.SnapshotFigures snapshot = null;
        mount = seed.mount(volumes);
        try {
            Map<String, Long> mountCalls = proxy.counts();
            log("seed replay: make-snapshots, %d volumes", n);
            proxy.reset();
            snapshot = seed.snapshot(volumes);
            results.seed(n).add(mount.wallMillis(), mountCalls, proxy.counts(), snapshot.freezeMillis(),
                    snapshot.firstFreezeToLastThawMillis());
            results.formatAndMount.addAll(mount.formatAndMountMillis());
        } finally {
            seed.cleanUp(volumes, mount.volumeIds(), snapshot == null ? List.of() : snapshot.snapshotIds());
        }
    }

    /** Figure 5: GET /volumes at a fixed rate, first with nothing running, then during a mount of the most volumes. */
    private static void latencyDuringMount(BenchSettings settings, Agent agent, SeedReplay seed, Results results)
            throws Exception {
        int n = settings.sizes().get(settings.sizes().size() - 1);
        URI volumes = agent.api.resolve("/volumes?snapshotter=b" + n);
        log("GET /volumes at %d/s for 2 s, warming up, not measured", settings.requestRate());
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        LatencyProbe.run(volumes, Agent.TOKEN, settings.requestRate(), () -> System.nanoTime() < warmEnd,
                java.time.Duration.ofSeconds(3));
        log("GET /volumes at %d/s, idle", settings.requestRate());
        long idleEnd = System.nanoTime() + settings.idleProbe().toNanos();
        results.idleLatency = LatencyProbe.run(volumes, Agent.TOKEN, settings.requestRate(), () -> System.nanoTime() < idleEnd,
                settings.idleProbe().plusSeconds(1));
        // Over several mounts, not one: a p99 of one mount's ~200 samples is its second slowest answer.
        List<Long> micros = new ArrayList<>();
        int failures = 0;
        for (int round = 1; round <= settings.repeat(); round++) {
            log("GET /volumes at %d/s during a mount of %d volumes (%d of %d)", settings.requestRate(), n, round, settings.repeat());
            CompletableFuture<JsonNode> mount = CompletableFuture.supplyAsync(
                    () -> agent.post("/mounts?wait=600", "{\"snapshotter\":\"b" + n + "\"}"));
            LatencyProbe.Samples samples = LatencyProbe.run(volumes, Agent.TOKEN, settings.requestRate(), () -> !mount.isDone(),
                    java.time.Duration.ofMinutes(3));
            micros.addAll(samples.micros());
            failures += samples.failures();
            Agent.succeeded(mount.get());
            Agent.succeeded(agent.delete("/mounts/b" + n + "?deleteVolumes=true&wait=600"));
        }
        results.mountLatency = new LatencyProbe.Samples(micros, failures);
        results.latencyVolumes = n;
        log("GET /volumes, slowest 5 during the mounts (ms): %s", micros.stream()
                .sorted(java.util.Comparator.reverseOrder()).limit(5).map(us -> us / 1000).toList());
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows in every figure. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** /dev/sdf, /dev/sdg, … /dev/sdu: 16 data volumes need letters past EC2's recommended f..p. */
    static String device(int index) {
        return "/dev/sd" + (char) ('f' + index);
    }

    static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
