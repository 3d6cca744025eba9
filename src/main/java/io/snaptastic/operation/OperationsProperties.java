package io.snaptastic.operation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How operations run and how long they are remembered, under {@code snaptastic.operations}.
 *
 * @param threads how many operations run at once (each on its own snapshotter)
 * @param queue how many more may wait for a thread before a submit is refused
 * @param keep how many finished operations the journal keeps
 * @param maxAge finished operations older than this are forgotten
 * @param idempotencyWindow how long an Idempotency-Key returns the operation it first made
 * @param shutdownTimeout how long shutdown waits for running operations before marking them failed
 * @param parallelVolumes how many volumes of one operation are worked on at once (16 when not set;
 *     {@link ParallelVolumes} resolves it with its deprecated old key)
 */
@ConfigurationProperties("snaptastic.operations")
public record OperationsProperties(
        @DefaultValue("4") int threads,
        @DefaultValue("16") int queue,
        @DefaultValue("200") int keep,
        @DefaultValue("7d") Duration maxAge,
        @DefaultValue("24h") Duration idempotencyWindow,
        @DefaultValue("2m") Duration shutdownTimeout,
        Integer parallelVolumes) {

    public static final OperationsProperties DEFAULT =
            new OperationsProperties(4, 16, 200, Duration.ofDays(7), Duration.ofHours(24), Duration.ofMinutes(2), null);
}
