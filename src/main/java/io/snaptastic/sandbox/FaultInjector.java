package io.snaptastic.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** Applies the configured faults to each call: latency, throttling, first calls failed, random server errors and lost answers. */
final class FaultInjector {

    static final String DEFAULT = "default";

    private final SandboxProperties.Faults faults;
    private final LongSupplier nanoTime;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private final Map<String, TokenBucket> actionBuckets = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> volumeBuckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    FaultInjector(SandboxProperties.Faults faults, LongSupplier nanoTime, DoubleSupplier random, Sleeper sleeper) {
        this.faults = faults;
        this.nanoTime = nanoTime;
        this.random = random;
        this.sleeper = sleeper;
    }

    static FaultInjector real(SandboxProperties.Faults faults) {
        return new FaultInjector(faults, System::nanoTime, Math::random, duration -> Thread.sleep(duration.toMillis()));
    }

    /** When an action arrived, by the injector's clock: {@link #holdAnswer} counts its latency from here. */
    long arrival() {
        return nanoTime.getAsLong();
    }

    /**
     * Holds an answer until the action's latency has passed since it arrived. The latency models EC2's
     * whole answer time, so the sandbox's own work (copying images for a snapshot) counts toward it
     * rather than adding to it: what a client then measures beyond the latency is its own.
     */
    void holdAnswer(String action, long arrivedNanos) {
        Duration latency = faults.latency().getOrDefault(action, faults.latency().get(DEFAULT));
        if (latency == null || latency.isZero()) {
            return;
        }
        long remaining = latency.toNanos() - (nanoTime.getAsLong() - arrivedNanos);
        if (remaining <= 0) {
            return;
        }
        try {
            sleeper.sleep(Duration.ofNanos(remaining));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs as an action arrives: may refuse it as throttled or failed. */
    void beforeAction(String action) {
        SandboxProperties.Bucket bucket = faults.throttle().getOrDefault(action, faults.throttle().get(DEFAULT));
        if (bucket != null && !actionBuckets.computeIfAbsent(action, key -> new TokenBucket(bucket, nanoTime)).tryTake()) {
            throw new Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.");
        }
        if (failsFirst(action)) {
            throw new Ec2Error(500, "InternalError", "An internal error has occurred");
        }
        if (faults.errorRate() > 0 && random.getAsDouble() < faults.errorRate()) {
            throw serverError();
        }
    }

    /** Whether this call is one of the action's first {@code fail-first} calls; counted only where that is set. */
    private boolean failsFirst(String action) {
        Integer failing = faults.failFirst().get(action);
        return failing != null && calls.computeIfAbsent(action, key -> new AtomicInteger()).incrementAndGet() <= failing;
    }

    /**
     * Runs once an action was carried out: may lose its answer, so the client sees a server error for
     * something EC2 did. Only a client that looks (or replays its ClientToken) before it asks again
     * avoids making it twice.
     */
    void afterAction(String action) {
        Double rate = faults.lostAnswer().getOrDefault(action, faults.lostAnswer().get(DEFAULT));
        if (rate != null && rate > 0 && random.getAsDouble() < rate) {
            throw serverError();
        }
    }

    /** AWS answers both to a request it could not finish ("Error codes for the Amazon EC2 API"); a client must retry either. */
    private Ec2Error serverError() {
        return random.getAsDouble() < 0.5
                ? new Ec2Error(500, "InternalError", "An internal error has occurred")
                : new Ec2Error(503, "Unavailable", "The service is unavailable. Please try again shortly.");
    }

    /** Refuses a snapshot of a volume whose per-volume bucket is empty. */
    void beforeSnapshot(String volumeId) {
        SandboxProperties.Bucket bucket = faults.snapshotsPerVolume();
        if (bucket != null && !volumeBuckets.computeIfAbsent(volumeId, key -> new TokenBucket(bucket, nanoTime)).tryTake()) {
            throw Ec2Error.client("SnapshotCreationPerVolumeRateExceeded",
                    "The maximum per volume CreateSnapshot request rate has been exceeded. Use an increasing or variable sleep interval between requests.");
        }
    }

    boolean attachmentsComplete() {
        return !faults.attachNeverCompletes();
    }

    /** How injected latency waits; tests pass one that only records. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
