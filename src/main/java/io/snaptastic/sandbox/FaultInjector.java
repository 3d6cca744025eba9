package io.snaptastic.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** Applies the configured faults to each call: latency, throttling and random server errors. */
final class FaultInjector {

    static final String DEFAULT = "default";

    private final SandboxProperties.Faults faults;
    private final LongSupplier nanoTime;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private final Map<String, TokenBucket> actionBuckets = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> volumeBuckets = new ConcurrentHashMap<>();

    FaultInjector(SandboxProperties.Faults faults, LongSupplier nanoTime, DoubleSupplier random, Sleeper sleeper) {
        this.faults = faults;
        this.nanoTime = nanoTime;
        this.random = random;
        this.sleeper = sleeper;
    }

    static FaultInjector real(SandboxProperties.Faults faults) {
        return new FaultInjector(faults, System::nanoTime, Math::random, duration -> Thread.sleep(duration.toMillis()));
    }

    /** Runs before an action: waits its latency, then may refuse it as throttled or failed. */
    void beforeAction(String action) {
        Duration latency = faults.latency().getOrDefault(action, faults.latency().get(DEFAULT));
        if (latency != null && !latency.isZero()) {
            try {
                sleeper.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Ec2Error(503, "Unavailable", "The service is unavailable. Please try again shortly.");
            }
        }
        SandboxProperties.Bucket bucket = faults.throttle().getOrDefault(action, faults.throttle().get(DEFAULT));
        if (bucket != null && !actionBuckets.computeIfAbsent(action, key -> new TokenBucket(bucket, nanoTime)).tryTake()) {
            throw new Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.");
        }
        if (faults.errorRate() > 0 && random.getAsDouble() < faults.errorRate()) {
            // AWS answers both; a client must retry either.
            throw random.getAsDouble() < 0.5
                    ? new Ec2Error(500, "InternalError", "An internal error has occurred")
                    : new Ec2Error(503, "Unavailable", "The service is unavailable. Please try again shortly.");
        }
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
