package io.snaptastic.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SnapshotAgesTests {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SnapshotAges ages = new SnapshotAges(meters, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void showsTheNewestAgeBesideTheMaximumPerMountPoint() {
        ages.newest("/mnt/solr", NOW.minus(Duration.ofHours(2)));
        ages.maxAge("/mnt/solr", Duration.ofHours(25));

        assertThat(meters.get("snaptastic.snapshot.newest.age").tag("mount_point", "/mnt/solr").gauge().value())
                .isEqualTo(7200);
        assertThat(meters.get("snaptastic.snapshot.max.age").tag("mount_point", "/mnt/solr").gauge().value())
                .isEqualTo(90000);
    }

    @Test
    void followsAChangedMaximum() {
        ages.maxAge("/mnt/solr", Duration.ofHours(25));
        ages.maxAge("/mnt/solr", Duration.ofHours(1));

        assertThat(meters.get("snaptastic.snapshot.max.age").tag("mount_point", "/mnt/solr").gauge().value())
                .isEqualTo(3600);
    }
}
