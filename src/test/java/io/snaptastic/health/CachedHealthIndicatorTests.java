package io.snaptastic.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;

class CachedHealthIndicatorTests {

    @Test
    void asksTheDelegateAgainOnlyOnceTheTtlHasPassed() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T12:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        CachedHealthIndicator cached = new CachedHealthIndicator(
                () -> Health.up().withDetail("call", calls.incrementAndGet()).build(), Duration.ofSeconds(60), clock);

        assertThat(cached.health().getDetails()).containsEntry("call", 1);
        now.set(now.get().plusSeconds(59));
        assertThat(cached.health().getDetails()).containsEntry("call", 1);
        now.set(now.get().plusSeconds(1));
        assertThat(cached.health().getDetails()).containsEntry("call", 2);
    }
}
