package io.snaptastic.cli;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How {@code --jitter} waits: a random time drawn from {@code random}, slept by {@code pause}; tests
 * give a pause that records instead of sleeping.
 *
 * @param pause sleeps the drawn time
 * @param random draws it
 */
record JitterWait(Pause pause, RandomGenerator random) {

    static final JitterWait REAL = new JitterWait(duration -> Thread.sleep(duration.toMillis()), RandomGenerator.getDefault());

    /** Sleeps the given time. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A time in [0, jitter), to the millisecond. */
    Duration draw(Duration jitter) {
        return Duration.ofMillis(random.nextLong(jitter.toMillis()));
    }
}
