package io.snaptastic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything one bench run measured, kept raw so the report can show medians beside their targets. */
final class Results {

    final BenchSettings settings;
    final Map<Integer, Side> agent = new TreeMap<>();
    final Map<Integer, Side> seed = new TreeMap<>();
    final List<Long> formatAndMount = new ArrayList<>();
    final List<StartupRow> startup = new ArrayList<>();
    LatencyProbe.Samples idleLatency;
    LatencyProbe.Samples mountLatency;
    io.snaptastic.e2e.ChaosResult chaos;
    int latencyVolumes;
    long totalSeconds;
    String loadBefore;
    String loadAfter;

    Results(BenchSettings settings) {
        this.settings = settings;
    }

    Side agent(int volumes) {
        return agent.computeIfAbsent(volumes, k -> new Side());
    }

    Side seed(int volumes) {
        return seed.computeIfAbsent(volumes, k -> new Side());
    }

    /** One way of doing the work (the agent's or the seed's) at one volume count, over its rounds. */
    static final class Side {
        final List<Long> mountMillis = new ArrayList<>();
        final List<Map<String, Long>> mountCalls = new ArrayList<>();
        final List<Map<String, Long>> snapshotCalls = new ArrayList<>();
        final List<Long> freezePerVolume = new ArrayList<>();
        final List<Long> freezeTotal = new ArrayList<>();

        void add(long mount, Map<String, Long> mountCalls, Map<String, Long> snapshotCalls, List<Long> freeze, long freezeTotal) {
            mountMillis.add(mount);
            this.mountCalls.add(mountCalls);
            this.snapshotCalls.add(snapshotCalls);
            freezePerVolume.addAll(freeze);
            this.freezeTotal.add(freezeTotal);
        }

        /** Distinct points in time of a round's snapshots: one per snapshot call. */
        long pointsInTime() {
            Map<String, Long> calls = snapshotCalls.get(0);
            return calls.getOrDefault("CreateSnapshots", 0L) + calls.getOrDefault("CreateSnapshot", 0L);
        }
    }

    /**
     * Start-up of one way of running a JVM, over its rounds.
     *
     * @param role whether the row is the agent held to the target, another way of running the agent,
     *     or the bare reference app
     */
    record StartupRow(String name, Role role, List<Long> readyMillis, List<Long> rssMib) {
        StartupRow(String name, Role role) {
            this(name, role, new ArrayList<>(), new ArrayList<>());
        }

        enum Role { TARGET, AGENT, REFERENCE }
    }
}
