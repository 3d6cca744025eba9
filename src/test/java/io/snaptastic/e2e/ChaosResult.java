package io.snaptastic.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one chaos drill did and found: each round's operation, where it was killed and how long the
 * restarted agent took to reconcile, and every invariant broken.
 *
 * @param seed the seed the rounds were drawn from; the same seed draws the same operations and kill moments
 * @param latency injected into every EC2 call
 * @param windows how long each operation took uninterrupted at the start: each kill falls within it
 * @param rounds the rounds played, in order
 * @param violations the rounds that broke an invariant; the drill stops at the first
 */
public record ChaosResult(long seed, Duration latency, Map<ChaosOperation, Duration> windows, List<Round> rounds,
        List<Violation> violations) {

    /**
     * One round.
     *
     * @param killStep the step the journal showed when the agent was killed, as {@code operation @ step}
     * @param liveMillis from the restart to liveness UP; -1 when the round failed before
     * @param reconciledMillis from the restart to readiness's {@code recovery} UP (what the kill left is
     *     reconciled); -1 when the round failed before
     */
    public record Round(int number, ChaosOperation operation, long killAfterMillis, String killStep, long liveMillis,
            long reconciledMillis) {}

    /** A broken invariant: the round, where the kill fell, what was found, and where the agent logs were kept. */
    public record Violation(int round, long seed, ChaosOperation operation, String killStep, List<String> findings, Path logs) {

        public String describe() {
            return "chaos round " + round + " (seed " + seed + ", replay with -Dsnaptastic.chaos.seed=" + seed + "): "
                    + (round == 0 ? operation.label() + ", uninterrupted (calibration)" : "killed at " + killStep) + "; found:\n  - " + String.join("\n  - ", findings)
                    + "\n  agent logs: " + logs;
        }
    }

    public Map<String, Long> roundsPerOperation() {
        return rounds.stream().collect(Collectors.groupingBy(r -> r.operation().label(), TreeMap::new, Collectors.counting()));
    }

    /** How many kills fell at each step, per operation: the spread of the kill points. */
    public Map<String, Long> killSteps() {
        return rounds.stream().collect(Collectors.groupingBy(Round::killStep, TreeMap::new, Collectors.counting()));
    }

    /** The restarts' times to liveness UP; a round whose restart failed has none. */
    public List<Long> liveMillis() {
        return rounds.stream().map(Round::liveMillis).filter(millis -> millis >= 0).toList();
    }

    /** The restarts' times to reconciled; a round whose restart failed has none. */
    public List<Long> reconciledMillis() {
        return rounds.stream().map(Round::reconciledMillis).filter(millis -> millis >= 0).toList();
    }
}
