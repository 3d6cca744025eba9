package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chaos drill of issue 15 in the suite: a few rounds (system property {@code snaptastic.chaos.rounds},
 * default 4, so the suite stays short; the bench's chaos section plays hundreds), each a SIGKILL at a
 * random moment of an operation, a restart and every invariant checked. The seed is printed; {@code
 * -Dsnaptastic.chaos.seed=N} replays a failing run's draws.
 */
@RequiresLoopDevices
class ChaosTests {

    @Test
    void everyInvariantHoldsAfterEachKillAndRestart() throws Exception {
        ChaosDrill.Settings settings = ChaosDrill.Settings.fromSystemProperties(4, Path.of("target/chaos"));

        ChaosResult result;
        try (ChaosDrill drill = new ChaosDrill(settings)) {
            result = drill.run();
        }

        assertThat(result.violations()).withFailMessage(() -> result.violations().get(0).describe()).isEmpty();
        assertThat(result.rounds()).as("every round was played").hasSize(settings.rounds());
    }
}
