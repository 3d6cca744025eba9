package io.snaptastic.cli;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The seed's {@code list-volumes}: its line {@code EBSVolume on <mount point> from <device> (<size> GB,
 * iops <n>) is mounted|not mounted} per configured volume, and under it the attached volume and usage.
 */
final class ListVolumesCommand implements CliCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Override
    public int run(CliArguments args, AgentClient agent, Console console) {
        AgentReply reply = agent.get("/volumes?snapshotter=" + args.snapshotter(), min(TIMEOUT, args.timeout()));
        if (!reply.ok()) {
            return ProblemReport.report(reply, agent, console);
        }
        for (JsonNode volume : reply.body()) {
            console.info(seedLine(volume));
            console.info("  " + attachment(volume));
        }
        return ExitCode.OK;
    }

    static String seedLine(JsonNode volume) {
        return "EBSVolume on " + volume.path("mountPoint").asString() + " from " + volume.path("device").asString() + " ("
                + volume.path("sizeGib").asInt() + " GB, iops " + (volume.hasNonNull("iops") ? volume.get("iops").asInt() : "-")
                + ") is " + (volume.path("mounted").asBoolean() ? "mounted" : "not mounted");
    }

    static String attachment(JsonNode volume) {
        if (!volume.hasNonNull("volumeId")) {
            return "no volume attached";
        }
        StringBuilder line = new StringBuilder(volume.get("volumeId").asString()).append(", ")
                .append(volume.path("state").asString());
        if (volume.hasNonNull("attachedSizeGib")) {
            line.append(", ").append(volume.get("attachedSizeGib").asInt()).append(" GB");
        }
        JsonNode usage = volume.path("usage");
        if (usage.isObject()) {
            line.append("; ").append(usage.path("usedPercent").asInt()).append("% used (")
                    .append(bytes(usage.path("usedBytes").asLong())).append(" of ")
                    .append(bytes(usage.path("totalBytes").asLong())).append(", ")
                    .append(bytes(usage.path("availableBytes").asLong())).append(" free)");
        }
        return line.toString();
    }

    /** Binary units, as df -h shows them. */
    static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
