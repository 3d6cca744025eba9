package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotterSettingsTests {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SnapshotterSettings d = SnapshotterSettings.DEFAULT;

        assertThat(d.filterTags()).containsExactly("role", "cluster", "environment");
        assertThat(d.volumes()).isEmpty();
        assertThat(d.volumesFromUserdata()).isFalse();
        assertThat(d.hooks().byHook()).isEmpty();
        assertThat(d.description()).isEqualTo("{cluster} snapshot of {mount_point}");
        assertThat(d.retention()).isEqualTo(new Retention(7, Duration.ofDays(7), false));
        assertThat(d.freezeMaxDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.snapshotWithoutFreezeOnHookFailure()).isFalse();
        assertThat(d.maxSnapshotAge()).isEqualTo(Duration.ofHours(25));
        assertThat(d.mountOnStartup()).isFalse();
        assertThat(d.startupJitter()).isZero();
        assertThat(d.cleanupCron()).isNull();
        assertThat(d.pendingSnapshotWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.preferRetained()).isFalse();
        assertThat(d.schedule()).isNull();
        assertThat(d.scheduleJitter()).isZero();
    }

    @Test
    void aBlankCleanupCronMeansNever() {
        SnapshotterSettings settings = new SnapshotterSettings(
                null, null, false, null, null, null, null, false, null, false, null, "  ", null, false, " ", null);

        assertThat(settings.cleanupCron()).isNull();
        assertThat(settings.schedule()).isNull();
    }

    @Test
    void keepsWhatIsSetAndCopiesTheLists() {
        List<String> tags = new java.util.ArrayList<>(List.of("group"));
        SnapshotterSettings settings = new SnapshotterSettings(tags, null, true, "d", null, null,
                Duration.ofSeconds(5), true, Duration.ofHours(1), true, Duration.ofSeconds(3), " 0 0 3 * * * ",
                Duration.ZERO, true, " 0 */5 * * * * ", Duration.ofMinutes(2));
        tags.add("later");

        assertThat(settings.filterTags()).containsExactly("group");
        assertThat(settings.cleanupCron()).isEqualTo("0 0 3 * * *");
        assertThat(settings.schedule()).isEqualTo("0 */5 * * * *");
        assertThat(settings.scheduleJitter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.pendingSnapshotWait()).isZero();
        assertThat(settings.freezeMaxDuration()).isEqualTo(Duration.ofSeconds(5));
    }
}
