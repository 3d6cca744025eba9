package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.HostExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlSnapshotterTests {

    private static final VolumeSpec SOLR = VolumeSpec.of("/dev/sdf", "/mnt/solr", 20);

    @Test
    void readsFilterTagValuesFromUserdataInConfiguredOrder() {
        YamlSnapshotter snapshotter = snapshotter(properties(List.of("environment", "role"), List.of(SOLR), HooksProperties.NONE),
                mock(HostExecutor.class));

        assertThat(snapshotter.filterTags(Map.of("role", "solr", "environment", "prod", "other", "x")))
                .containsExactly(Map.entry("environment", "prod"), Map.entry("role", "solr"));
    }

    @Test
    void namesTheUserdataKeyATagNeeds() {
        YamlSnapshotter snapshotter = snapshotter(properties(List.of("role", "cluster"), List.of(SOLR), HooksProperties.NONE),
                mock(HostExecutor.class));

        assertThatThrownBy(() -> snapshotter.filterTags(Map.of("role", "solr")))
                .isInstanceOf(MissingUserdataException.class)
                .hasMessageContaining("'cluster'");
    }

    @Test
    void runsHookCommandsWithTheVolumeInTheirEnvironment() {
        HostExecutor executor = mock(HostExecutor.class);
        HookCommand chown = new HookCommand(List.of("/bin/chown", "-R", "solr", "/mnt/solr"), Duration.ofSeconds(5));
        HooksProperties hooks = new HooksProperties(null, null, List.of(chown), null, null, null, null, null, null, null, null, null);
        YamlSnapshotter snapshotter = snapshotter(properties(List.of("role"), List.of(SOLR), hooks), executor);
        org.mockito.BDDMockito.given(executor.run(org.mockito.ArgumentMatchers.any())).willReturn(new CommandResult(0, "", ""));

        snapshotter.preMount(SOLR);
        snapshotter.postMount(SOLR);

        then(executor).should().run(new Command(chown.argv(), Duration.ofSeconds(5), Map.of(
                "SNAPTASTIC_SNAPSHOTTER", "solr",
                "SNAPTASTIC_HOOK", "post_mount",
                "SNAPTASTIC_DEVICE", "/dev/sdf",
                "SNAPTASTIC_MOUNT_POINT", "/mnt/solr",
                "SNAPTASTIC_DEVICES", "/dev/sdf",
                "SNAPTASTIC_MOUNT_POINTS", "/mnt/solr")));
        then(executor).shouldHaveNoMoreInteractions();
    }

    @Test
    void readsVolumesFromUserdataWhenConfiguredTo() {
        SnapshotterProperties properties = new SnapshotterProperties(List.of("role"), List.of(), true, null, null, null, null, false);
        YamlSnapshotter snapshotter = snapshotter(properties, mock(HostExecutor.class));

        assertThat(snapshotter.volumes(Map.of("volumes", List.of(Map.of("device", "/dev/sdf", "mount_point", "/mnt/solr", "size", 20)))))
                .containsExactly(SOLR);
    }

    private static SnapshotterProperties properties(List<String> tags, List<VolumeSpec> volumes, HooksProperties hooks) {
        return new SnapshotterProperties(tags, volumes, false, null, null, hooks, null, false);
    }

    private static YamlSnapshotter snapshotter(SnapshotterProperties properties, HostExecutor executor) {
        return new YamlSnapshotter("solr", properties, new HookRunner(executor));
    }
}
