package io.snaptastic.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tests' one clock: it stands still until a test (or a stub, as real waits take time) moves it,
 * or, made {@link #ticking ticking}, moves on at every reading.
 */
public final class MutableClock extends Clock {

    private final Duration tick;
    private Instant now;

    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    private MutableClock(Instant start, Duration tick) {
        this.now = start;
        this.tick = tick;
    }

    /** A clock each reading of which is {@code tick} later than the last, for code that polls against a deadline. */
    public static MutableClock ticking(Instant start, Duration tick) {
        return new MutableClock(start, tick);
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        now = now.plus(tick);
        return now;
    }
}
