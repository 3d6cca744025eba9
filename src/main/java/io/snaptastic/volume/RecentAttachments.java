package io.snaptastic.volume;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.mount.Attachments;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's attachments for the volume listing, kept briefly: a listing never waits on EC2 while
 * an answer younger than {@code stale} exists, and one older than {@code fresh} is refreshed in the
 * background, one refresh at a time. Polled listings (dashboards, a load balancer) then cost EC2 one
 * DescribeVolumes per {@code fresh} at most, and their latency is the agent's own. The workflows never
 * use this: they read attachments from EC2 every time.
 */
class RecentAttachments implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecentAttachments.class);

    private final Ec2 ec2;
    private final Duration fresh;
    private final Duration stale;
    private final ExecutorService refresher;
    private final LongSupplier nanoTime;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicLong generation = new AtomicLong();
    private volatile Fetched last;

    RecentAttachments(Ec2 ec2, Duration fresh, Duration stale, ExecutorService refresher, LongSupplier nanoTime) {
        this.ec2 = ec2;
        this.fresh = fresh;
        this.stale = stale;
        this.refresher = refresher;
        this.nanoTime = nanoTime;
    }

    Attachments of(String instanceId) {
        Fetched known = last;
        if (known == null || !known.attachments().instanceId().equals(instanceId)) {
            return fetch(instanceId);
        }
        long age = nanoTime.getAsLong() - known.fetchedAt();
        if (age >= stale.toNanos()) {
            return fetch(instanceId);
        }
        if (age >= fresh.toNanos() && refreshing.compareAndSet(false, true)) {
            refresher.execute(() -> {
                try {
                    fetch(instanceId);
                } catch (RuntimeException e) {
                    // The next listing past the stale age asks EC2 itself and reports the failure.
                    log.debug("background refresh of the attachments of {} failed", instanceId, e);
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return known.attachments();
    }

    /**
     * Asks EC2 again at once, since a mount or unmount has just changed the attachments. It is called as
     * the operation finishes, before anyone is told, so a listing after the operation shows the change
     * without waiting on EC2 itself; a listing meanwhile gets the answer from before, as the operation
     * has not finished yet. The operation waits at most {@code bound}: past it, or when EC2 fails, what
     * was known is dropped and the next listing asks EC2 itself. A refresh asked before this call is
     * not kept.
     */
    void renew(Duration bound) {
        Fetched known = last;
        if (known == null) {
            return; // nothing listed yet: the first listing asks EC2 anyway
        }
        String instanceId = known.attachments().instanceId();
        generation.incrementAndGet();
        try {
            refresher.submit(() -> fetch(instanceId)).get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (TimeoutException e) {
            // Left running: its answer is still the newest once it comes.
            log.debug("renewing the attachments of {} took longer than {}", instanceId, bound);
        } catch (ExecutionException | RejectedExecutionException e) {
            log.debug("renewing the attachments of {} failed", instanceId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (last == known) {
                last = null;
            }
        }
    }

    private Attachments fetch(String instanceId) {
        long asked = nanoTime.getAsLong();
        long askedIn = generation.get();
        Attachments attachments = Attachments.of(ec2, instanceId);
        synchronized (this) {
            if (generation.get() == askedIn) {
                last = new Fetched(attachments, asked);
            }
        }
        return attachments;
    }

    /** Attachments and when they were asked for (an answer is as old as its question). */
    private record Fetched(Attachments attachments, long fetchedAt) {}

    /** Stops the refresher with the context. */
    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
