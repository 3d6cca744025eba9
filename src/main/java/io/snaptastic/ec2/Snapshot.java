package io.snaptastic.ec2;

import java.time.Instant;
import java.util.Map;

/** An EBS snapshot as DescribeSnapshots shows it; {@code progress} is EC2's text, such as {@code 42%}. */
public record Snapshot(
        String id,
        String volumeId,
        String state,
        String progress,
        Instant startTime,
        int volumeSizeGib,
        String description,
        Map<String, String> tags) {

    public static final String PENDING = "pending";
    public static final String COMPLETED = "completed";
    public static final String ERROR = "error";

    public Snapshot {
        tags = Map.copyOf(tags);
    }
}
