package io.snaptastic.snapshotter;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a snapshotter's snapshots are kept.
 *
 * @param keepLast how many of the newest snapshots per mount point are always kept
 * @param maxAge snapshots older than this (and beyond keep-last) are deleted; also sets the expires tag
 * @param adoptLegacy whether snapshots written by the Python snaptastic (no snaptastic:managed tag) may be deleted
 */
public record Retention(
        @DefaultValue("7") int keepLast, @DefaultValue("7d") Duration maxAge, @DefaultValue("false") boolean adoptLegacy) {

    public static final Retention DEFAULT = new Retention(7, Duration.ofDays(7), false);
}
