package io.snaptastic.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Supplier;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.support.CronExpression;

/**
 * A snapshotter's cron times shifted by one offset: every run of an instance lands at the same distance
 * after its cron time, so intervals stay even while a fleet on one schedule spreads over the jitter.
 *
 * @param cron the snapshotter's {@code schedule}
 * @param zone the zone the cron fields are read in
 * @param offset how long after each cron time a run starts (computed on first use, see {@link #offset})
 */
record ScheduledTimes(CronExpression cron, ZoneId zone, Supplier<Duration> offset) implements Trigger {

    @Override
    public Instant nextExecution(TriggerContext context) {
        Duration shift = offset.get();
        // At start, counting from now less the offset keeps a cron time whose offset has not passed yet. Later,
        // the cron time must follow the previous run itself: the offset is below the interval, so that is the
        // next one, and one cron time never runs twice should the offset change (it was unknown, then known);
        // like CronTrigger, a completion later than the next run moves past the runs it missed.
        Instant after = context.lastCompletion() == null
                ? context.getClock().instant().minus(shift)
                : later(context.lastCompletion().minus(shift), context.lastScheduledExecution());
        ZonedDateTime next = cron.next(ZonedDateTime.ofInstant(after, zone));
        return next == null ? null : next.toInstant().plus(shift);
    }

    /**
     * A point in [0, jitter) drawn from a hash of the instance and the snapshotter: stable across
     * restarts, different between instances and between the snapshotters of one instance.
     */
    static Duration offset(String instanceId, String snapshotter, Duration jitter) {
        if (jitter.isZero() || jitter.isNegative()) {
            return Duration.ZERO;
        }
        byte[] hash = sha256(instanceId + "/" + snapshotter);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (hash[i] & 0xff);
        }
        return Duration.ofMillis(Math.floorMod(value, jitter.toMillis()));
    }

    private static Instant later(Instant one, Instant other) {
        return other != null && other.isAfter(one) ? other : one;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's Javadoc).
            throw new IllegalStateException(e);
        }
    }
}
