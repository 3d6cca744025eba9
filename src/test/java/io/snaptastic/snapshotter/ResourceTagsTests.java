package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.host.HostExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class ResourceTagsTests {

    private static final Map<String, String> FILTER_TAGS = Map.of("role", "solr", "cluster", "search", "environment", "prod");

    @Test
    void retainedTagsSayWhyAndSinceWhenAndReadBack() {
        Map<String, String> tags = ResourceTags.retained(RetainedReason.FAILED_RESTORE, Instant.parse("2026-12-08T01:40:00.123456Z"));

        assertThat(tags).containsExactlyInAnyOrderEntriesOf(Map.of("snaptastic:retained", "true",
                "snaptastic:retained-reason", "failed-restore", "snaptastic:retained-at", "2026-12-08T01:40:00.123Z"));
        assertThat(ResourceTags.retainedReason(tags)).contains(RetainedReason.FAILED_RESTORE);
        assertThat(ResourceTags.retainedAt(tags)).contains(Instant.parse("2026-12-08T01:40:00.123Z"));
        assertThat(ResourceTags.retainedReason(Map.of("snaptastic:retained", "false", "snaptastic:retained-reason", "unmount")))
                .as("no longer retained").isEmpty();
        assertThat(ResourceTags.retainedReason(Map.of("snaptastic:retained", "true"))).as("retained before reasons").isEmpty();
        assertThat(ResourceTags.retainedAt(Map.of("snaptastic:retained-at", "yesterday"))).isEmpty();
    }

    @Test
    void readsTheSeedsTimestampsAndOurOwn() {
        assertThat(ResourceTags.parse("2014-03-07 11:22:33.123456")).contains(Instant.parse("2014-03-07T11:22:33.123456Z"));
        assertThat(ResourceTags.parse("2026-11-29T10:00:00Z")).contains(Instant.parse("2026-11-29T10:00:00Z"));
        assertThat(ResourceTags.parse("next tuesday")).isEmpty();
        assertThat(ResourceTags.parse(null)).isEmpty();
    }

    @Test
    void writesTimestampsTheWayTheSeedDid() {
        assertThat(ResourceTags.format(Instant.parse("2026-11-29T10:00:00.5Z"))).isEqualTo("2026-11-29 10:00:00.500000");
    }

    @Test
    void fillsTheDescriptionTemplateFromTheTags() {
        assertThat(ResourceTags.description(context("{cluster} snapshot of {mount_point}"), List.of("/mnt/solr")))
                .isEqualTo("search snapshot of /mnt/solr");
        assertThat(ResourceTags.description(context("{snapshotter} {role}@{instance_id}: {mount_point}"), List.of("/a", "/b")))
                .isEqualTo("solr solr@i-1: /a, /b");
    }

    @Test
    void expiresAfterTheRetentionsMaximumAge() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
        Map<String, String> tags = ResourceTags.forSnapshot(context("x"), "/mnt/solr", "x", clock);

        assertThat(tags).containsEntry("created", "2026-11-29 00:00:00.000000")
                .containsEntry("expires", "2026-12-03 00:00:00.000000")
                .containsEntry("mount_point", "/mnt/solr")
                .containsEntry("snaptastic:managed", "true")
                .containsEntry("snaptastic:snapshotter", "solr")
                .containsEntry("instance_id", "i-1")
                .containsEntry("Name", "x");
    }

    @Test
    void volumesCarryNoTagThatASnapshotMustSetItself() {
        Map<String, String> tags = ResourceTags.forVolume(context("x"), VolumeSpec.of("/dev/sdf", "/mnt/solr", 1));

        assertThat(tags).containsOnlyKeys("role", "cluster", "environment", "mount_point", "snaptastic:snapshotter",
                "snaptastic:managed", "instance_id");
    }

    @Test
    void filtersOnEveryFilterTagAndAllMountPointsWithWildcardsMadeLiteral() {
        SnapshotterContext context = new SnapshotterContext(snapshotter("x"), "i-1", "az", Map.of(),
                List.of(VolumeSpec.of("/dev/sdf", "/mnt/a", 1), VolumeSpec.of("/dev/sdg", "/mnt/b", 1)), Map.of("role", "so*r?"));

        assertThat(ResourceTags.snapshotFilters(context)).containsExactly(
                Map.entry("tag:role", List.of("so\\*r\\?")),
                Map.entry("tag:mount_point", List.of("/mnt/a", "/mnt/b")));
    }

    private static SnapshotterContext context(String description) {
        return new SnapshotterContext(snapshotter(description), "i-1", "eu-west-1a", Map.of(), List.of(), FILTER_TAGS);
    }

    private static Snapshotter snapshotter(String description) {
        SnapshotterSettings properties = new SnapshotterSettings(List.of("role", "cluster", "environment"),
                List.of(VolumeSpec.of("/dev/sdf", "/mnt/solr", 1)), false, description,
                new Retention(7, Duration.ofDays(4), false), null, null, false, null, false, null, null, null, false, null, null);
        return new YamlSnapshotter("solr", properties, new HookRunner(Mockito.mock(HostExecutor.class)));
    }
}
