package io.snaptastic.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.snaptastic.ec2.Snapshot;
import io.snaptastic.retention.RetentionDecision.Reason;
import io.snaptastic.snapshotter.ResourceTags;
import io.snaptastic.snapshotter.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPolicyTests {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final Retention KEEP_2_FOR_7_DAYS = new Retention(2, Duration.ofDays(7), false);

    final RetentionPolicy policy = new RetentionPolicy("solr", KEEP_2_FOR_7_DAYS);

    @Test
    void keepsTheNewestKeepLastAndDeletesOlderOnesPastMaxAge() {
        List<Snapshot> snapshots = List.of(
                managed("snap-01", "/mnt/solr", daysAgo(20)),
                managed("snap-02", "/mnt/solr", daysAgo(10)),
                managed("snap-03", "/mnt/solr", daysAgo(3)),
                managed("snap-04", "/mnt/solr", daysAgo(1)),
                managed("snap-05", "/mnt/solr", daysAgo(9)));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::delete, RetentionDecision::reason)
                .containsExactly(
                        tuple("snap-04", false, Reason.NEWEST_COMPLETED),
                        tuple("snap-03", false, Reason.KEEP_LAST),
                        tuple("snap-05", true, Reason.OLDER_THAN_MAX_AGE),
                        tuple("snap-02", true, Reason.OLDER_THAN_MAX_AGE),
                        tuple("snap-01", true, Reason.OLDER_THAN_MAX_AGE));
    }

    @Test
    void keepsSnapshotsBeyondKeepLastThatAreYoungerThanMaxAge() {
        List<Snapshot> snapshots = List.of(
                managed("snap-01", "/mnt/solr", daysAgo(6)),
                managed("snap-02", "/mnt/solr", daysAgo(2)),
                managed("snap-03", "/mnt/solr", daysAgo(1)));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::reason)
                .containsExactly(tuple("snap-03", Reason.NEWEST_COMPLETED), tuple("snap-02", Reason.KEEP_LAST),
                        tuple("snap-01", Reason.NOT_EXPIRED));
    }

    @Test
    void groupsByMountPointSoEachKeepsItsOwnNewest() {
        List<Snapshot> snapshots = List.of(
                managed("snap-a1", "/mnt/a", daysAgo(30)),
                managed("snap-b1", "/mnt/b", daysAgo(40)),
                managed("snap-b2", "/mnt/b", daysAgo(50)),
                managed("snap-b3", "/mnt/b", daysAgo(60)));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::mountPoint, RetentionDecision::delete)
                .containsExactlyInAnyOrder(
                        tuple("snap-a1", "/mnt/a", false),
                        tuple("snap-b1", "/mnt/b", false),
                        tuple("snap-b2", "/mnt/b", false),
                        tuple("snap-b3", "/mnt/b", true));
    }

    @Test
    void neverDeletesTheNewestCompletedSnapshotEvenWhenExpired() {
        Snapshot only = with(managed("snap-01", "/mnt/solr", daysAgo(100)), ResourceTags.EXPIRES, "2020-01-01 00:00:00.000000");

        assertThat(new RetentionPolicy("solr", new Retention(1, Duration.ofDays(1), false))
                .decide(List.of(only), Set.of(), NOW))
                .extracting(RetentionDecision::delete, RetentionDecision::reason)
                .containsExactly(tuple(false, Reason.NEWEST_COMPLETED));
    }

    @Test
    void theNewestCompletedIsProtectedWhenNewerOnesArePendingOrFailed() {
        List<Snapshot> snapshots = List.of(
                state(managed("snap-p", "/mnt/solr", daysAgo(0)), Snapshot.PENDING),
                state(managed("snap-e", "/mnt/solr", daysAgo(1)), Snapshot.ERROR),
                managed("snap-c", "/mnt/solr", daysAgo(50)));

        assertThat(new RetentionPolicy("solr", new Retention(1, Duration.ofDays(7), false)).decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::delete, RetentionDecision::reason)
                .containsExactly(
                        tuple("snap-p", false, Reason.PENDING),
                        tuple("snap-e", false, Reason.NOT_EXPIRED),
                        tuple("snap-c", false, Reason.NEWEST_COMPLETED));
    }

    @Test
    void neverDeletesASnapshotThatAnAttachedVolumeWasCreatedFrom() {
        List<Snapshot> snapshots = List.of(
                managed("snap-new", "/mnt/solr", daysAgo(1)),
                managed("snap-mid", "/mnt/solr", daysAgo(2)),
                managed("snap-old", "/mnt/solr", daysAgo(30)));

        assertThat(policy.decide(snapshots, Set.of("snap-old"), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::delete, RetentionDecision::reason)
                .contains(tuple("snap-old", false, Reason.IN_USE));
    }

    @Test
    void neverDeletesUnmanagedSnapshots() {
        List<Snapshot> snapshots = List.of(
                managed("snap-new", "/mnt/solr", daysAgo(1)),
                managed("snap-mid", "/mnt/solr", daysAgo(2)),
                with(managed("snap-false", "/mnt/solr", daysAgo(30)), ResourceTags.MANAGED, "false"),
                legacy("snap-legacy", "/mnt/solr", daysAgo(40)));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::delete, RetentionDecision::reason)
                .contains(tuple("snap-false", false, Reason.NOT_MANAGED), tuple("snap-legacy", false, Reason.NOT_MANAGED));
    }

    @Test
    void adoptLegacyDeletesExpiredPythonSnaptasticSnapshotsButNotOtherUnmanagedOnes() {
        RetentionPolicy adopting = new RetentionPolicy("solr", new Retention(1, Duration.ofDays(7), true));
        List<Snapshot> snapshots = List.of(
                managed("snap-new", "/mnt/solr", daysAgo(1)),
                with(legacy("snap-legacy", "/mnt/solr", daysAgo(40)), ResourceTags.EXPIRES, seedTime(daysAgo(33))),
                with(legacy("snap-young", "/mnt/solr", daysAgo(3)), ResourceTags.EXPIRES, seedTime(daysAgo(-4))),
                with(managed("snap-false", "/mnt/solr", daysAgo(30)), ResourceTags.MANAGED, "false"));

        assertThat(adopting.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::delete, RetentionDecision::reason)
                .containsExactly(
                        tuple("snap-new", false, Reason.NEWEST_COMPLETED),
                        tuple("snap-young", false, Reason.NOT_EXPIRED),
                        tuple("snap-false", false, Reason.NOT_MANAGED),
                        tuple("snap-legacy", true, Reason.EXPIRED));
    }

    @Test
    void aLegacySnapshotCanBeTheNewestCompletedAndIsThenKeptEvenWhenAdopted() {
        RetentionPolicy adopting = new RetentionPolicy("solr", new Retention(1, Duration.ofDays(1), true));

        assertThat(adopting.decide(List.of(legacy("snap-legacy", "/mnt/solr", daysAgo(40))), Set.of(), NOW))
                .extracting(RetentionDecision::reason)
                .containsExactly(Reason.NEWEST_COMPLETED);
    }

    @Test
    void keepsSnapshotsOfAnotherSnapshotterThatSharesTheTags() {
        List<Snapshot> snapshots = List.of(
                managed("snap-new", "/mnt/solr", daysAgo(1)),
                managed("snap-mid", "/mnt/solr", daysAgo(2)),
                with(managed("snap-other", "/mnt/solr", daysAgo(30)), ResourceTags.SNAPSHOTTER, "postgres"));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::reason)
                .contains(tuple("snap-other", Reason.OTHER_SNAPSHOTTER));
    }

    @Test
    void honoursTheExpiresTagInTheSeedFormatOverMaxAge() {
        List<Snapshot> snapshots = List.of(
                managed("snap-new", "/mnt/solr", daysAgo(1)),
                managed("snap-mid", "/mnt/solr", daysAgo(2)),
                with(managed("snap-later", "/mnt/solr", daysAgo(30)), ResourceTags.EXPIRES, "2026-12-01 00:00:00.000000"),
                with(managed("snap-past", "/mnt/solr", daysAgo(3)), ResourceTags.EXPIRES, "2026-11-29 11:59:59.999999"));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::delete, RetentionDecision::reason)
                .contains(tuple("snap-later", false, Reason.NOT_EXPIRED), tuple("snap-past", true, Reason.EXPIRED));
    }

    @Test
    void honoursTheExpiresTagInIsoFormat() {
        List<Snapshot> snapshots = List.of(
                managed("snap-new", "/mnt/solr", daysAgo(1)),
                managed("snap-mid", "/mnt/solr", daysAgo(2)),
                with(managed("snap-iso", "/mnt/solr", daysAgo(3)), ResourceTags.EXPIRES, "2026-11-28T00:00:00Z"),
                with(managed("snap-iso-later", "/mnt/solr", daysAgo(4)), ResourceTags.EXPIRES, "2027-01-01T00:00:00Z"));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::delete)
                .contains(tuple("snap-iso", true), tuple("snap-iso-later", false));
    }

    @Test
    void anUnreadableExpiresTagFallsBackToMaxAge() {
        List<Snapshot> snapshots = List.of(
                managed("snap-new", "/mnt/solr", daysAgo(1)),
                managed("snap-mid", "/mnt/solr", daysAgo(2)),
                with(managed("snap-junk-old", "/mnt/solr", daysAgo(8)), ResourceTags.EXPIRES, "next tuesday"),
                with(managed("snap-junk-young", "/mnt/solr", daysAgo(6)), ResourceTags.EXPIRES, "next tuesday"));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::reason)
                .contains(tuple("snap-junk-old", Reason.OLDER_THAN_MAX_AGE), tuple("snap-junk-young", Reason.NOT_EXPIRED));
    }

    @Test
    void keepLastCountsOnlyCompletedSnapshots() {
        List<Snapshot> snapshots = List.of(
                state(managed("snap-e1", "/mnt/solr", daysAgo(10)), Snapshot.ERROR),
                managed("snap-c1", "/mnt/solr", daysAgo(20)),
                managed("snap-c2", "/mnt/solr", daysAgo(30)),
                managed("snap-c3", "/mnt/solr", daysAgo(40)));

        assertThat(policy.decide(snapshots, Set.of(), NOW))
                .extracting(RetentionDecision::snapshotId, RetentionDecision::delete)
                .containsExactly(tuple("snap-e1", true), tuple("snap-c1", false), tuple("snap-c2", false),
                        tuple("snap-c3", true));
    }

    @Test
    void noSnapshotsMeansNoDecisions() {
        assertThat(policy.decide(List.of(), Set.of(), NOW)).isEmpty();
    }

    static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static String seedTime(Instant instant) {
        return ResourceTags.format(instant);
    }

    static Snapshot managed(String id, String mountPoint, Instant start) {
        Map<String, String> tags = new HashMap<>(Map.of(ResourceTags.MOUNT_POINT, mountPoint, ResourceTags.MANAGED, "true",
                ResourceTags.SNAPSHOTTER, "solr", "role", "search"));
        return new Snapshot(id, "vol-1", Snapshot.COMPLETED, "100%", start, 1, "d", tags);
    }

    static Snapshot legacy(String id, String mountPoint, Instant start) {
        return new Snapshot(id, "vol-1", Snapshot.COMPLETED, "100%", start, 1, "d",
                Map.of(ResourceTags.MOUNT_POINT, mountPoint, "role", "search"));
    }

    static Snapshot with(Snapshot snapshot, String key, String value) {
        Map<String, String> tags = new HashMap<>(snapshot.tags());
        tags.put(key, value);
        return new Snapshot(snapshot.id(), snapshot.volumeId(), snapshot.state(), snapshot.progress(), snapshot.startTime(),
                snapshot.volumeSizeGib(), snapshot.description(), tags);
    }

    static Snapshot state(Snapshot snapshot, String state) {
        return new Snapshot(snapshot.id(), snapshot.volumeId(), state, snapshot.progress(), snapshot.startTime(),
                snapshot.volumeSizeGib(), snapshot.description(), snapshot.tags());
    }
}
