package io.snaptastic.snapshotter;

import io.snaptastic.host.Command;
import io.snaptastic.host.HostExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the commands configured for a hook point, in order, each under its own timeout. The volumes
 * reach the command in its environment, never in a shell line: SNAPTASTIC_SNAPSHOTTER, SNAPTASTIC_HOOK,
 * and SNAPTASTIC_DEVICE / SNAPTASTIC_MOUNT_POINT for one volume, or the space-separated
 * SNAPTASTIC_DEVICES / SNAPTASTIC_MOUNT_POINTS for all of them.
 */
public class HookRunner {

    private final HostExecutor executor;

    public HookRunner(HostExecutor executor) {
        this.executor = executor;
    }

    /** Runs each command; the first that fails (non-zero exit, timeout) fails the hook. */
    public void run(String snapshotter, Hook hook, List<HookCommand> commands, List<VolumeSpec> volumes) {
        for (HookCommand hookCommand : commands) {
            Command command = new Command(hookCommand.argv(), hookCommand.timeout(), environment(snapshotter, hook, volumes));
            executor.run(command);
        }
    }

    static Map<String, String> environment(String snapshotter, Hook hook, List<VolumeSpec> volumes) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SNAPTASTIC_SNAPSHOTTER", snapshotter);
        env.put("SNAPTASTIC_HOOK", hook.name().toLowerCase(java.util.Locale.ROOT));
        if (hook.perVolume() && volumes.size() == 1) {
            env.put("SNAPTASTIC_DEVICE", volumes.get(0).device());
            env.put("SNAPTASTIC_MOUNT_POINT", volumes.get(0).mountPoint());
        }
        env.put("SNAPTASTIC_DEVICES", volumes.stream().map(VolumeSpec::device).collect(Collectors.joining(" ")));
        env.put("SNAPTASTIC_MOUNT_POINTS", volumes.stream().map(VolumeSpec::mountPoint).collect(Collectors.joining(" ")));
        return env;
    }
}
