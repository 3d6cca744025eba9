package io.snaptastic.snapshot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the agent paces snapshots to EC2's limits, under {@code snaptastic.snapshots}.
 *
 * @param perVolumeInterval EC2's least time between two snapshots of one volume (about 15 s:
 *     SnapshotCreationPerVolumeRateExceeded); the agent waits thawed from the previous snapshot's start
 * @param maxRateWait the longest a snapshot waits, in total and always thawed, for volumes' windows to pass
 * @param tagRetry the longest CreateTags on a fresh snapshot is retried while EC2 does not know its id yet
 * @param lostAnswerPatience after a create call got a server error or no answer, how long DescribeSnapshots is
 *     asked again (thawed) for the snapshots it may have made before they are taken again; DescribeSnapshots is
 *     eventually consistent, and a snapshot not seen in this time is taken a second time
 */
@ConfigurationProperties("snaptastic.snapshots")
public record SnapshotPacing(
        @DefaultValue("15s") Duration perVolumeInterval,
        @DefaultValue("2m") Duration maxRateWait,
        @DefaultValue("30s") Duration tagRetry,
        @DefaultValue("10s") Duration lostAnswerPatience) {

    public static final SnapshotPacing DEFAULT = new SnapshotPacing(Duration.ofSeconds(15), Duration.ofMinutes(2), Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    public SnapshotPacing {
        perVolumeInterval = perVolumeInterval == null ? Duration.ofSeconds(15) : perVolumeInterval;
        maxRateWait = maxRateWait == null ? Duration.ofMinutes(2) : maxRateWait;
        tagRetry = tagRetry == null ? Duration.ofSeconds(30) : tagRetry;
        lostAnswerPatience = lostAnswerPatience == null ? Duration.ofSeconds(10) : lostAnswerPatience;
        if (perVolumeInterval.isNegative() || maxRateWait.isNegative() || tagRetry.isNegative() || lostAnswerPatience.isNegative()) {
            throw new IllegalArgumentException("snaptastic.snapshots durations may not be negative");
        }
    }
}
