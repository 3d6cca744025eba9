package io.snaptastic.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The operator's chaos drill of issue 15: rounds of SIGKILL at a random moment of a mount, a snapshot
 * or an unmount (keeping or deleting volumes) against the agent's sandbox with EC2 latency injected,
 * each followed by a restart on the same state dir, the checks of {@link ChaosInvariants}, and the
 * interrupted work finished by asking for it again. Used by {@code ChaosTests} and the bench's chaos
 * section; docs/crash-safety.md describes it.
 */
public final class ChaosDrill implements AutoCloseable {

    /**
     * How the drill runs.
     *
     * @param rounds how many kills
     * @param seed draws each round's operation and kill moment; printed, so a failing run can be replayed
     * @param latency injected into every EC2 call of the sandbox, so each operation lasts long enough to be hit;
     *     three times that into each call that changes something
     * @param preferRetained mount with {@code prefer-retained: true}, so the file written before an unmount that
     *     kept its volume must be there after the next mount; without it, the kept volume is checked in EC2
     * @param logs where the agent logs of a round that broke an invariant are kept
     */
    public record Settings(int rounds, long seed, Duration latency, boolean preferRetained, Path logs) {

        /** 200 ms per EC2 call, mounts preferring retained volumes. */
        public static Settings of(int rounds, long seed, Path logs) {
            return new Settings(rounds, seed, Duration.ofMillis(200), true, logs);
        }

        /** From {@code snaptastic.chaos.rounds}, {@code .seed} and {@code .latency-ms}, with the given default rounds. */
        public static Settings fromSystemProperties(int defaultRounds, Path logs) {
            Settings defaults = of(Integer.getInteger("snaptastic.chaos.rounds", defaultRounds),
                    Long.getLong("snaptastic.chaos.seed", new Random().nextLong()), logs);
            Duration latency = Duration.ofMillis(Long.getLong("snaptastic.chaos.latency-ms", defaults.latency().toMillis()));
            return new Settings(defaults.rounds(), defaults.seed(), latency, defaults.preferRetained(), logs);
        }
    }

    /** The calls that change something: three times the latency, so that more kills fall where a crash leaves work half done. */
    private static final List<String> SLOW_CALLS =
            List.of("CreateVolume", "AttachVolume", "DetachVolume", "DeleteVolume", "CreateSnapshots", "CreateTags");

    // Short, so that what the reconciler leaves is reaped within a round: the invariants await it.
    private static final Duration REAPER_INTERVAL = Duration.ofSeconds(2);
    private static final Duration REAPER_AVAILABLE_FOR = Duration.ofSeconds(2);

    private final Settings settings;
    private final Random random;
    private final ChaosInvariants invariants;
    private final Path root;
    private final AgentProcess agent;

    /** Makes the drill's temporary root; {@link #close} releases it. */
    public ChaosDrill(Settings settings) throws IOException {
        this.settings = settings;
        this.root = Files.createTempDirectory("snaptastic-chaos").toRealPath();
        // The systemd unit's JVM options but Spring's AOT mode (the tests' class path is not AOT-processed).
        this.agent = new AgentProcess(root).withJvmArguments("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        this.random = new Random(settings.seed());
        // Two passes past the threshold, and the calls of a pass and of the deletion at the injected latency.
        this.invariants = new ChaosInvariants(REAPER_AVAILABLE_FOR.plus(REAPER_INTERVAL.multipliedBy(3))
                .plus(settings.latency().multipliedBy(20)).plusSeconds(10));
    }

    /** Plays every round, stopping at the first that breaks an invariant. */
    public ChaosResult run() throws Exception {
        System.err.printf("chaos drill: %d rounds, seed %d (replay with -Dsnaptastic.chaos.seed=%d), %d ms per EC2 call, "
                + "%d ms per call that changes something, prefer-retained %s%n", settings.rounds(), settings.seed(),
                settings.seed(), settings.latency().toMillis(), 3 * settings.latency().toMillis(), settings.preferRetained());
        ChaosPlay play = new ChaosPlay(agent, properties(), settings.preferRetained());
        List<ChaosResult.Round> rounds = new ArrayList<>();
        List<ChaosResult.Violation> violations = new ArrayList<>();
        play.start();
        Map<ChaosOperation, Duration> windows = calibrate(play, violations);
        for (int round = 1; round <= settings.rounds() && violations.isEmpty(); round++) {
            rounds.add(round(play, round, windows, violations));
        }
        return new ChaosResult(settings.seed(), settings.latency(), windows, rounds, violations);
    }

    /** Kills the agent and releases every mount, loop device and file the drill made; safe to call twice. */
    @Override
    public synchronized void close() throws InterruptedException {
        agent.kill();
        AgentUnderTest.release(root);
    }

    private List<String> properties() {
        List<String> properties = new ArrayList<>(List.of(
                "snaptastic.sandbox.faults.latency.default=" + settings.latency().toMillis() + "ms",
                "snaptastic.reaper.interval=" + REAPER_INTERVAL.toMillis() + "ms",
                "snaptastic.reaper.available-for=" + REAPER_AVAILABLE_FOR.toMillis() + "ms"));
        SLOW_CALLS.forEach(action -> properties.add(
                "snaptastic.sandbox.faults.latency." + action + "=" + 3 * settings.latency().toMillis() + "ms"));
        if (settings.preferRetained()) {
            properties.add("snaptastic.snapshotters.solr.prefer-retained=true");
        }
        return properties;
    }

    /**
     * Each operation once, uninterrupted, from an empty mount to unmounted again: how long each takes
     * here is the window its kills fall in. The work is checked like a round's.
     */
    private Map<ChaosOperation, Duration> calibrate(ChaosPlay play, List<ChaosResult.Violation> violations) throws Exception {
        Map<ChaosOperation, Duration> windows = new EnumMap<>(ChaosOperation.class);
        List<ChaosOperation> sequence = List.of(ChaosOperation.MOUNT, ChaosOperation.SNAPSHOT, ChaosOperation.UNMOUNT_KEEP,
                ChaosOperation.MOUNT, ChaosOperation.UNMOUNT_DELETE);
        for (ChaosOperation operation : sequence) {
            play.prepare(operation, 0);
            long started = System.nanoTime();
            List<String> findings = play.complete(operation);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // The later mount, like the rounds', finds a volume to restore or reattach: its time is the window.
            windows.put(operation, took);
            findings.addAll(invariants.settled(play.agent(), play.mounted()));
            if (!findings.isEmpty()) {
                violations.add(violation(play, 0, operation, "uninterrupted", findings));
                break;
            }
        }
        System.err.println("chaos drill: kill windows " + windows);
        return windows;
    }

    private ChaosResult.Round round(ChaosPlay play, int number, Map<ChaosOperation, Duration> windows,
            List<ChaosResult.Violation> violations) throws Exception {
        List<ChaosOperation> valid = ChaosOperation.validWhen(play.mounted());
        ChaosOperation operation = valid.get(random.nextInt(valid.size()));
        long killAfter = (long) (random.nextDouble() * windows.get(operation).toMillis());
        String step = "not killed";
        ChaosPlay.Restart restart = new ChaosPlay.Restart(-1, -1);
        List<String> findings = new ArrayList<>();
        try {
            step = play.interrupt(operation, killAfter, number);
            restart = play.restart();
            findings.addAll(invariants.afterRestart(play.agent()));
            if (findings.isEmpty()) {
                findings.addAll(play.complete(operation));
                findings.addAll(invariants.settled(play.agent(), play.mounted()));
            }
        } catch (RuntimeException | java.io.IOException e) {
            // The agent did not start, did not reconcile in time, or did not answer: a finding like any other.
            findings.add("the round could not go on: " + e);
        }
        System.err.printf("chaos round %d: %s killed after %d ms at %s; restarted: live after %d ms, reconciled after %d ms; %s%n",
                number, operation.label(), killAfter, step, restart.liveMillis(), restart.reconciledMillis(),
                findings.isEmpty() ? "all invariants hold" : findings);
        String killStep = operation.label() + " @ " + step;
        if (!findings.isEmpty()) {
            violations.add(violation(play, number, operation, killStep, findings));
        }
        return new ChaosResult.Round(number, operation, killAfter, killStep, restart.liveMillis(), restart.reconciledMillis());
    }

    /** Keeps the logs of the agent killed in the round and of the one started after it. */
    private ChaosResult.Violation violation(ChaosPlay play, int round, ChaosOperation operation, String killStep,
            List<String> findings) throws IOException {
        Path kept = settings.logs().resolve("chaos-seed-" + settings.seed() + "-round-" + round).toAbsolutePath();
        Files.createDirectories(kept);
        Path latest = play.agent().logFile();
        String name = latest.getFileName().toString();
        int start = Integer.parseInt(name.substring("agent-".length(), name.length() - ".log".length()));
        for (int n = Math.max(1, start - 1); n <= start; n++) {
            Path log = latest.resolveSibling("agent-" + n + ".log");
            if (Files.exists(log)) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new ChaosResult.Violation(round, settings.seed(), operation, killStep, findings, kept);
    }
}
