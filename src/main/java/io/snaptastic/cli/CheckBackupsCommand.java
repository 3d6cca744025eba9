package io.snaptastic.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * The seed's {@code check-backups}: every mount point of the snapshotter must have a completed snapshot
 * younger than {@code --max-age}; exit 1 when one has not, so a monitoring job can alert.
 */
final class CheckBackupsCommand implements CliCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Clock clock;

    CheckBackupsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public int run(CliArguments args, AgentClient agent, Console console) {
        AgentReply reply = agent.get("/snapshots?snapshotter=" + args.snapshotter(), ListVolumesCommand.min(TIMEOUT, args.timeout()));
        if (!reply.ok()) {
            return ProblemReport.report(reply, agent, console);
        }
        if (reply.body().isEmpty()) {
            console.warning(args.snapshotter() + " has no volumes, so there is nothing to check");
            return ExitCode.OK;
        }
        boolean allFresh = true;
        for (JsonNode mountPoint : reply.body()) {
            allFresh &= check(mountPoint, args.maxAge(), console);
        }
        return allFresh ? ExitCode.OK : ExitCode.FAILED;
    }

    private boolean check(JsonNode mountPoint, Duration maxAge, Console console) {
        String path = mountPoint.path("mountPoint").asString();
        JsonNode newest = null;
        Instant newestStart = null;
        String pending = null;
        for (JsonNode snapshot : mountPoint.path("snapshots")) {
            Instant start = startTime(snapshot);
            if ("pending".equals(snapshot.path("state").asString())) {
                pending = snapshot.path("id").asString();
            }
            if ("completed".equals(snapshot.path("state").asString()) && start != null
                    && (newestStart == null || start.isAfter(newestStart))) {
                newest = snapshot;
                newestStart = start;
            }
        }
        if (newest == null) {
            console.error("MISSING " + path + ": no completed snapshot" + (pending == null ? "" : " (" + pending + " is pending)"));
            return false;
        }
        Duration age = Duration.between(newestStart, clock.instant());
        String description = newest.path("id").asString() + " from " + newestStart + " is " + Durations.describe(age)
                + " old (max " + Durations.exact(maxAge) + ")";
        if (age.compareTo(maxAge) > 0) {
            console.error("STALE   " + path + ": newest completed snapshot " + description);
            return false;
        }
        console.info("ok      " + path + ": " + description);
        return true;
    }

    private static Instant startTime(JsonNode snapshot) {
        JsonNode start = snapshot.path("startTime");
        if (start.isNumber()) {
            // Jackson writes an Instant as decimal seconds when dates are written as timestamps.
            return Instant.ofEpochMilli((long) (start.asDouble() * 1000));
        }
        try {
            return Instant.parse(start.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
