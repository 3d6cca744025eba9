package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the snapshots a create call made although its answer never came. A server error or a broken
 * connection says nothing of whether EC2 made them ("Error codes for the Amazon EC2 API": server errors
 * are EC2's own problem, not a refusal), and CreateSnapshots and CreateSnapshot take no ClientToken
 * (botocore's EC2 model; EC2 developer guide "ec2-api-idempotency" lists the actions that do), so a blind
 * retry could make a second snapshot: look first, by the tag every create call of the operation carries.
 * DescribeSnapshots is eventually consistent (EC2 developer guide "eventual-consistency"): a snapshot not
 * seen at once is looked for again with backoff, 1.25 s first as CSI waits, up to a bound.
 */
final class UnansweredSnapshots {

    private static final Logger log = LoggerFactory.getLogger(UnansweredSnapshots.class);
    /** On every snapshot of one make-snapshots: a random id, the same for all of its attempts. */
    static final String OPERATION_TAG = "snaptastic:operation";
    static final Duration FIRST_PAUSE = Duration.ofMillis(1250);
    static final Duration MAX_PAUSE = Duration.ofSeconds(8);

    private final Ec2 ec2;
    private final Sleeper sleeper;

    UnansweredSnapshots(Ec2 ec2, Sleeper sleeper) {
        this.ec2 = ec2;
        this.sleeper = sleeper;
    }

    /**
     * Every snapshot the operation made that EC2 shows, of any volume; looked for again, thawed, until
     * each of {@code volumeIds} has one or {@code patience} is spent. Waiting zero looks once.
     */
    List<Snapshot> find(String operationId, Collection<String> volumeIds, Duration patience) {
        Duration waited = Duration.ZERO;
        Duration pause = FIRST_PAUSE;
        while (true) {
            List<Snapshot> seen = look(operationId);
            if (seen.stream().map(Snapshot::volumeId).toList().containsAll(volumeIds) || waited.plus(pause).compareTo(patience) > 0) {
                return seen;
            }
            log.info("no snapshot of {} by operation {} visible yet; looking again in {} ms", volumeIds, operationId, pause.toMillis());
            sleeper.sleep(pause);
            waited = waited.plus(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** One DescribeSnapshots by the operation's tag; nothing seen when it fails (the caller then asks again). */
    private List<Snapshot> look(String operationId) {
        try {
            return ec2.describeSnapshots(Map.of("tag:" + OPERATION_TAG, List.of(operationId)));
        } catch (Ec2Exception e) {
            log.info("could not look for the snapshots of operation {} ({})", operationId, e.getMessage());
            return List.of();
        }
    }
}
