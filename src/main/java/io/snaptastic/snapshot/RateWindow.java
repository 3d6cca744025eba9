package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long until EC2 takes another snapshot of each of some volumes: EC2 refuses a second snapshot of
 * a volume within about 15 s of the previous one (SnapshotCreationPerVolumeRateExceeded, "Error codes
 * for the Amazon EC2 API"; CSI PR #1659), counted here from the newest snapshot's start time.
 */
final class RateWindow {

    private static final Logger log = LoggerFactory.getLogger(RateWindow.class);
    private static final Duration MAX_MARGIN = Duration.ofSeconds(1);

    private final Ec2 ec2;
    private final Duration interval;

    RateWindow(Ec2 ec2, Duration interval) {
        this.ec2 = ec2;
        this.interval = interval;
    }

    /**
     * The wait until every volume's window has passed, with a small margin for the skew between our
     * clock and EC2's. The whole interval when the previous snapshot is not visible yet (DescribeSnapshots
     * is eventually consistent: EC2 developer guide "eventual-consistency") or cannot be read.
     */
    Duration remaining(Collection<String> volumeIds, Clock clock) {
        List<Snapshot> snapshots;
        try {
            snapshots = ec2.describeSnapshots(Map.of("volume-id", List.copyOf(volumeIds)));
        } catch (Ec2Exception e) {
            log.info("could not read the previous snapshots of {} ({}); waiting the whole {}", volumeIds, e.awsCode(), interval);
            return interval;
        }
        Instant open = snapshots.stream()
                .map(Snapshot::startTime)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .map(start -> start.plus(interval))
                .orElse(null);
        if (open == null) {
            return interval;
        }
        Duration wait = Duration.between(clock.instant(), open);
        if (wait.isNegative() || wait.isZero()) {
            return interval;
        }
        Duration margin = interval.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? interval.dividedBy(10) : MAX_MARGIN;
        return wait.plus(margin);
    }
}
