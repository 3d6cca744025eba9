package io.snaptastic.snapshotter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A snapshotter defined in YAML: its volumes and tags from configuration, its hooks as commands. */
public final class YamlSnapshotter implements Snapshotter {

    private final String name;
    private final SnapshotterProperties properties;
    private final HookRunner hooks;

    public YamlSnapshotter(String name, SnapshotterProperties properties, HookRunner hooks) {
        this.name = name;
        this.properties = properties;
        this.hooks = hooks;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<VolumeSpec> volumes(Map<String, Object> userdata) {
        return properties.volumesFromUserdata() ? UserdataVolumes.read(name, userdata) : properties.volumes();
    }

    @Override
    public Map<String, String> filterTags(Map<String, Object> userdata) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : properties.filterTags()) {
            Object value = userdata.get(key);
            if (value == null || value instanceof Map || value instanceof List) {
                throw new MissingUserdataException(name, key);
            }
            tags.put(key, value.toString());
        }
        return tags;
    }

    @Override
    public SnapshotterSettings settings() {
        return new SnapshotterSettings(
                properties.description(),
                properties.retention(),
                properties.freezeMaxDuration(),
                properties.snapshotWithoutFreezeOnHookFailure(),
                properties.maxSnapshotAge(),
                properties.mountOnStartup(),
                properties.startupJitter(),
                properties.cleanupCron(),
                properties.pendingSnapshotWait(),
                properties.preferRetained());
    }

    public SnapshotterProperties properties() {
        return properties;
    }

    @Override
    public void preMounts(List<VolumeSpec> volumes) {
        hooks.run(name, Hook.PRE_MOUNTS, commands(Hook.PRE_MOUNTS), volumes);
    }

    @Override
    public void preMount(VolumeSpec volume) {
        hooks.run(name, Hook.PRE_MOUNT, commands(Hook.PRE_MOUNT), List.of(volume));
    }

    @Override
    public void postMount(VolumeSpec volume) {
        hooks.run(name, Hook.POST_MOUNT, commands(Hook.POST_MOUNT), List.of(volume));
    }

    @Override
    public void postMounts(List<VolumeSpec> volumes) {
        hooks.run(name, Hook.POST_MOUNTS, commands(Hook.POST_MOUNTS), volumes);
    }

    @Override
    public void preUnmounts(List<VolumeSpec> volumes) {
        hooks.run(name, Hook.PRE_UNMOUNTS, commands(Hook.PRE_UNMOUNTS), volumes);
    }

    @Override
    public void preUnmount(VolumeSpec volume) {
        hooks.run(name, Hook.PRE_UNMOUNT, commands(Hook.PRE_UNMOUNT), List.of(volume));
    }

    @Override
    public void postUnmount(VolumeSpec volume) {
        hooks.run(name, Hook.POST_UNMOUNT, commands(Hook.POST_UNMOUNT), List.of(volume));
    }

    @Override
    public void postUnmounts(List<VolumeSpec> volumes) {
        hooks.run(name, Hook.POST_UNMOUNTS, commands(Hook.POST_UNMOUNTS), volumes);
    }

    @Override
    public void preSnapshots(List<VolumeSpec> volumes) {
        hooks.run(name, Hook.PRE_SNAPSHOTS, commands(Hook.PRE_SNAPSHOTS), volumes);
    }

    @Override
    public void preSnapshot(VolumeSpec volume) {
        hooks.run(name, Hook.PRE_SNAPSHOT, commands(Hook.PRE_SNAPSHOT), List.of(volume));
    }

    @Override
    public void postSnapshot(VolumeSpec volume) {
        hooks.run(name, Hook.POST_SNAPSHOT, commands(Hook.POST_SNAPSHOT), List.of(volume));
    }

    @Override
    public void postSnapshots(List<VolumeSpec> volumes) {
        hooks.run(name, Hook.POST_SNAPSHOTS, commands(Hook.POST_SNAPSHOTS), volumes);
    }

    private List<HookCommand> commands(Hook hook) {
        return properties.hooks().byHook().getOrDefault(hook, List.of());
    }
}
