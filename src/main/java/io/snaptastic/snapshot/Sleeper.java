package io.snaptastic.snapshot;

import java.time.Duration;

/** How the snapshot workflow waits (always thawed); tests pass one that only records. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to snapshot", e);
        }
    };

    void sleep(Duration duration);
}
