package io.snaptastic.cli;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The seed's {@code test}: every check the agent runs, ok or FAIL with what to do; exit 1 when any failed. */
final class CheckCommand implements CliCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Override
    public int run(CliArguments args, AgentClient agent, Console console) {
        AgentReply reply = agent.get("/checks", ListVolumesCommand.min(TIMEOUT, args.timeout()));
        if (!reply.ok()) {
            return ProblemReport.report(reply, agent, console);
        }
        int failed = 0;
        int total = 0;
        for (JsonNode item : reply.body().path("items")) {
            total++;
            String line = item.path("name").asString() + ": " + item.path("detail").asString();
            if (item.path("ok").asBoolean()) {
                console.info("ok   " + line);
            } else {
                failed++;
                console.error("FAIL " + line);
                if (item.hasNonNull("remedy")) {
                    console.error("     remedy: " + item.get("remedy").asString());
                }
            }
        }
        if (failed > 0 || !reply.body().path("ok").asBoolean()) {
            console.error(failed + " of " + total + " checks failed");
            return ExitCode.FAILED;
        }
        console.info("all " + total + " checks passed");
        return ExitCode.OK;
    }
}
