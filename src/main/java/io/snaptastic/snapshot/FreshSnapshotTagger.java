package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateTags on a snapshot just made. EC2 is eventually consistent: CreateTags on a fresh id can answer
 * {@code *.NotFound} (EC2 developer guide "eventual-consistency"), so that is retried with backoff,
 * bounded; CSI waits about 1.25 s before it first looks again, and so does this.
 */
final class FreshSnapshotTagger {

    private static final Logger log = LoggerFactory.getLogger(FreshSnapshotTagger.class);
    static final Duration FIRST_PAUSE = Duration.ofMillis(1250);
    static final Duration MAX_PAUSE = Duration.ofSeconds(8);

    private final Ec2 ec2;
    private final Sleeper sleeper;
    private final Duration limit;

    FreshSnapshotTagger(Ec2 ec2, Sleeper sleeper, Duration limit) {
        this.ec2 = ec2;
        this.sleeper = sleeper;
        this.limit = limit;
    }

    /** Empty when the tags are set; otherwise why they are not, for the volume's warning. */
    Optional<String> tag(String snapshotId, Map<String, String> tags) {
        Duration waited = Duration.ZERO;
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                ec2.createTags(List.of(snapshotId), tags);
                return Optional.empty();
            } catch (Ec2Exception.NotFound e) {
                if (waited.plus(pause).compareTo(limit) > 0) {
                    return Optional.of("EC2 still did not know " + snapshotId + " after " + waited.toSeconds() + " s (" + e.awsCode() + ")");
                }
                log.info("CreateTags on the fresh snapshot {} said {}; looking again in {} ms", snapshotId, e.awsCode(), pause.toMillis());
            } catch (Ec2Exception e) {
                return Optional.of("CreateTags failed: " + e.getMessage());
            }
            sleeper.sleep(pause);
            waited = waited.plus(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }
}
