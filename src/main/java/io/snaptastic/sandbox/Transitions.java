package io.snaptastic.sandbox;

import io.snaptastic.support.Threads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves resources to their next state after a delay, on one background thread, never in a request. */
final class Transitions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Transitions.class);

    private final ScheduledExecutorService scheduler;

    Transitions() {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemon("sandbox-transitions"));
    }

    void after(Duration delay, String what, Runnable step) {
        scheduler.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.error("sandbox: {} failed", what, e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
