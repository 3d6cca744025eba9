package io.snaptastic.operation;

import io.snaptastic.config.InvalidConfigurationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many volumes of one operation (a mount, an unmount, a crash's reconciliation) are worked on at
 * once: {@code snaptastic.operations.parallel-volumes}, formerly {@code snaptastic.timeouts.parallel-volumes}.
 *
 * @param count at least 1
 */
public record ParallelVolumes(int count) {

    static final int DEFAULT = 16;

    private static final Logger log = LoggerFactory.getLogger(ParallelVolumes.class);

    /**
     * @param configured {@code snaptastic.operations.parallel-volumes}; null when not set
     * @param deprecated {@code snaptastic.timeouts.parallel-volumes}; used, with a warning, only when the other is not set
     */
    static ParallelVolumes resolve(Integer configured, Integer deprecated) {
        int count = configured != null ? configured : deprecated != null ? deprecated : DEFAULT;
        if (configured == null && deprecated != null) {
            log.warn("snaptastic.timeouts.parallel-volumes is deprecated and will be removed: "
                    + "set snaptastic.operations.parallel-volumes={} instead", deprecated);
        }
        if (count < 1) {
            throw new InvalidConfigurationException(List.of(
                    "snaptastic.operations.parallel-volumes: " + count + " must be at least 1"));
        }
        return new ParallelVolumes(count);
    }
}
