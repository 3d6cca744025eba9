package io.snaptastic.snapshotter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A snapshotter defined in YAML: its volumes and tags from configuration, its hooks as commands. */
public final class YamlSnapshotter implements Snapshotter {

    private final String name;
    private final SnapshotterSettings settings;
    private final HookRunner hooks;

    public YamlSnapshotter(String name, SnapshotterSettings settings, HookRunner hooks) {
        this.name = name;
        this.settings = settings;
        this.hooks = hooks;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<VolumeSpec> volumes(Map<String, Object> userdata) {
        return settings.volumesFromUserdata() ? UserdataVolumes.read(name, userdata) : settings.volumes();
    }

    @Override
    public Map<String, String> filterTags(Map<String, Object> userdata) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : settings.filterTags()) {
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
        return settings;
    }

    @Override
    public void hook(Hook hook, List<VolumeSpec> volumes) {
        hooks.run(name, hook, settings.hooks().byHook().getOrDefault(hook, List.of()), volumes);
    }
}
