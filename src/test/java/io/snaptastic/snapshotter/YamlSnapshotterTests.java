package io.snaptastic.snapshotter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.HostExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

        snapshotter.hook(Hook.PRE_MOUNT, List.of(SOLR));
        snapshotter.hook(Hook.POST_MOUNT, List.of(SOLR));

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
        SnapshotterSettings properties = new SnapshotterSettings(List.of("role"), List.of(), true, null, null, null, null, false, null, false, null, null, null, false, null, null);
        YamlSnapshotter snapshotter = snapshotter(properties, mock(HostExecutor.class));

        assertThat(snapshotter.volumes(Map.of("volumes", List.of(Map.of("device", "/dev/sdf", "mount_point", "/mnt/solr", "size", 20)))))
                .containsExactly(SOLR);
    }

    @ParameterizedTest
    @EnumSource(Hook.class)
    void runsOnlyTheCommandsConfiguredForTheHookPointCalled(Hook hook) {
        HostExecutor executor = mock(HostExecutor.class);
        org.mockito.BDDMockito.given(executor.run(org.mockito.ArgumentMatchers.any())).willReturn(new CommandResult(0, "", ""));
        YamlSnapshotter snapshotter = snapshotter(properties(List.of("role"), List.of(SOLR), hooksNamingTheirPoint()), executor);

        snapshotter.hook(hook, List.of(SOLR));

        then(executor).should().run(argThat(command -> command.argv().equals(List.of("/bin/echo", hook.name()))
                && command.environment().get("SNAPTASTIC_HOOK").equals(hook.name().toLowerCase(java.util.Locale.ROOT))));
        then(executor).shouldHaveNoMoreInteractions();
    }

    @Test
    void aHookPointWithoutCommandsRunsNothing() {
        HostExecutor executor = mock(HostExecutor.class);
        YamlSnapshotter snapshotter = snapshotter(properties(List.of("role"), List.of(SOLR), null), executor);

        snapshotter.hook(Hook.PRE_SNAPSHOTS, List.of(SOLR));

        then(executor).shouldHaveNoInteractions();
    }

    /** Every hook point's one command echoes that point's name, so a call that runs another point's is seen. */
    private static HooksProperties hooksNamingTheirPoint() {
        java.util.function.Function<Hook, List<HookCommand>> echo =
                hook -> List.of(new HookCommand(List.of("/bin/echo", hook.name()), Duration.ofSeconds(5)));
        return new HooksProperties(echo.apply(Hook.PRE_MOUNTS), echo.apply(Hook.PRE_MOUNT), echo.apply(Hook.POST_MOUNT),
                echo.apply(Hook.POST_MOUNTS), echo.apply(Hook.PRE_UNMOUNTS), echo.apply(Hook.PRE_UNMOUNT),
                echo.apply(Hook.POST_UNMOUNT), echo.apply(Hook.POST_UNMOUNTS), echo.apply(Hook.PRE_SNAPSHOTS),
                echo.apply(Hook.PRE_SNAPSHOT), echo.apply(Hook.POST_SNAPSHOT), echo.apply(Hook.POST_SNAPSHOTS));
    }

    private static SnapshotterSettings properties(List<String> tags, List<VolumeSpec> volumes, HooksProperties hooks) {
        return new SnapshotterSettings(tags, volumes, false, null, null, hooks, null, false, null, false, null, null, null, false, null, null);
    }

    private static YamlSnapshotter snapshotter(SnapshotterSettings properties, HostExecutor executor) {
        return new YamlSnapshotter("solr", properties, new HookRunner(executor));
    }
}
