package io.snaptastic.sandbox;

import java.util.function.LongSupplier;

/** EC2's throttling model: a bucket of {@code capacity} tokens, one per call, refilled at a steady rate. */
final class TokenBucket {

    private final int capacity;
    private final double refillPerNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(SandboxProperties.Bucket bucket, LongSupplier nanoTime) {
        this.capacity = bucket.capacity();
        this.refillPerNano = bucket.refillPerSecond() / 1e9;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token; false when the bucket is empty and the call must be refused. */
    synchronized boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * refillPerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
