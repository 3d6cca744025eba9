package io.snaptastic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTests {

    @Test
    void exactFormUsesTheLargestWholeUnit() {
        assertThat(Durations.exact(Duration.ofDays(1))).isEqualTo("1d");
        assertThat(Durations.exact(Duration.ofDays(14))).isEqualTo("2w");
        assertThat(Durations.exact(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Durations.exact(Duration.ofSeconds(90))).isEqualTo("90s");
    }

    @Test
    void agesAreRoundedDownToAReadableUnit() {
        assertThat(Durations.describe(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.describe(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.describe(Duration.ofHours(25))).isEqualTo("25h");
        assertThat(Durations.describe(Duration.ofHours(72))).isEqualTo("3d");
        assertThat(Durations.describe(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}
