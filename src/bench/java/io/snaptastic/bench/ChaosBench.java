package io.snaptastic.bench;

import io.snaptastic.e2e.ChaosDrill;
import io.snaptastic.e2e.ChaosResult;
import java.util.Random;

/**
 * The chaos section: the suite's chaos drill ({@code io.snaptastic.e2e.ChaosDrill}) for
 * BENCH_CHAOS_ROUNDS rounds, its figures for the report. Agent logs of a violating round go to bench/out.
 */
final class ChaosBench {

    private ChaosBench() {}

    static ChaosResult run(BenchSettings settings) throws Exception {
        long seed = settings.chaosSeed() == null ? new Random().nextLong() : settings.chaosSeed();
        ChaosDrill.Settings drill = ChaosDrill.Settings.of(settings.chaosRounds(), seed, settings.out());
        Bench.log("chaos: %d rounds, seed %d (BENCH_CHAOS_SEED=%d replays it)", drill.rounds(), seed, seed);
        ChaosDrill chaos = new ChaosDrill(drill);
        Bench.onExit(() -> {
            try {
                chaos.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            return chaos.run();
        } finally {
            chaos.close();
        }
    }
}
