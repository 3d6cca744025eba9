package io.snaptastic.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Answers with the last result for a while, so a load balancer polling every few seconds does not turn
 * into a stream of EC2 calls (and throttling of the calls that matter).
 */
public class CachedHealthIndicator implements HealthIndicator {

    private final HealthIndicator delegate;
    private final Duration ttl;
    private final Clock clock;
    private Health last;
    private Instant until = Instant.MIN;

    public CachedHealthIndicator(HealthIndicator delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(until)) {
            last = delegate.health();
            until = now.plus(ttl);
        }
        return last;
    }
}
