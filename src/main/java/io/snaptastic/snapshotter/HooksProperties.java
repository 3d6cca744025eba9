package io.snaptastic.snapshotter;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The commands configured for each hook point; each list runs in order and stops at the first failure. */
public record HooksProperties(
        List<HookCommand> preMounts,
        List<HookCommand> preMount,
        List<HookCommand> postMount,
        List<HookCommand> postMounts,
        List<HookCommand> preUnmounts,
        List<HookCommand> preUnmount,
        List<HookCommand> postUnmount,
        List<HookCommand> postUnmounts,
        List<HookCommand> preSnapshots,
        List<HookCommand> preSnapshot,
        List<HookCommand> postSnapshot,
        List<HookCommand> postSnapshots) {

    public static final HooksProperties NONE =
            new HooksProperties(null, null, null, null, null, null, null, null, null, null, null, null);

    /** The configured commands by hook point; points without commands are absent. */
    public Map<Hook, List<HookCommand>> byHook() {
        Map<Hook, List<HookCommand>> map = new EnumMap<>(Hook.class);
        put(map, Hook.PRE_MOUNTS, preMounts);
        put(map, Hook.PRE_MOUNT, preMount);
        put(map, Hook.POST_MOUNT, postMount);
        put(map, Hook.POST_MOUNTS, postMounts);
        put(map, Hook.PRE_UNMOUNTS, preUnmounts);
        put(map, Hook.PRE_UNMOUNT, preUnmount);
        put(map, Hook.POST_UNMOUNT, postUnmount);
        put(map, Hook.POST_UNMOUNTS, postUnmounts);
        put(map, Hook.PRE_SNAPSHOTS, preSnapshots);
        put(map, Hook.PRE_SNAPSHOT, preSnapshot);
        put(map, Hook.POST_SNAPSHOT, postSnapshot);
        put(map, Hook.POST_SNAPSHOTS, postSnapshots);
        return map;
    }

    private static void put(Map<Hook, List<HookCommand>> map, Hook hook, List<HookCommand> commands) {
        if (commands != null && !commands.isEmpty()) {
            map.put(hook, List.copyOf(commands));
        }
    }
}
