package io.snaptastic.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;

class CachedHealthIndicatorTests {

    @Test
    void asksTheDelegateAgainOnlyOnceTheTtlHasPassed() {
        AtomicInteger calls = new AtomicInteger();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
        CachedHealthIndicator cached = new CachedHealthIndicator(
                () -> Health.up().withDetail("call", calls.incrementAndGet()).build(), Duration.ofSeconds(60), clock);

        assertThat(cached.health().getDetails()).containsEntry("call", 1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(cached.health().getDetails()).containsEntry("call", 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cached.health().getDetails()).containsEntry("call", 2);
    }
}
