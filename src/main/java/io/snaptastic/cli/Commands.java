package io.snaptastic.cli;

import java.time.Clock;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The table of the seed's commands and the agent requests they make. */
final class Commands {

    private Commands() {}

    static Map<String, CliCommand> all(JsonMapper json, Clock clock, JitterWait jitter) {
        return Map.of(
                "mount-snapshots", new OperationCommand(args -> new OperationCommand.Start("POST", "/mounts", "",
                        withUserdata(named(json, args), args).put("dryRun", args.dryRun())
                                .put("ignoreMounted", args.ignoreMounted())), clock),
                "make-snapshots", new JitteredCommand(new OperationCommand(args -> new OperationCommand.Start("POST",
                        "/snapshots", "", withUserdata(named(json, args), args)), clock), jitter),
                "unmount-snapshots", new OperationCommand(args -> new OperationCommand.Start("DELETE",
                        "/mounts/" + args.snapshotter(), "&deleteVolumes=" + args.deleteVolumes(), null), clock),
                "clean", new OperationCommand(args -> new OperationCommand.Start("POST", "/snapshots/cleanup", "",
                        named(json, args).put("dryRun", args.dryRun())), clock),
                "list-volumes", new ListVolumesCommand(),
                "test", new CheckCommand(),
                "check-backups", new CheckBackupsCommand(clock),
                "thaw", new ThawCommand());
    }

    private static ObjectNode named(JsonMapper json, CliArguments args) {
        return json.createObjectNode().put("snapshotter", args.snapshotter());
    }

    private static ObjectNode withUserdata(ObjectNode body, CliArguments args) {
        if (args.userdata() != null) {
            body.set("userdata", args.userdata());
        }
        return body;
    }
}
