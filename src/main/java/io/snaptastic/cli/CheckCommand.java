package io.snaptastic.cli;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The seed's {@code test}: every check the agent runs, ok, FAIL or ? (inconclusive) with what to do;
 * exit 1 when any failed. Inconclusive items do not fail the command, as they do not make the
 * agent's {@code ok} false.
 */
final class CheckCommand implements CliCommand {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Override
    public int run(CliArguments args, AgentClient agent, Console console) {
        AgentReply reply = agent.get("/checks", ListVolumesCommand.min(TIMEOUT, args.timeout()));
        if (!reply.ok()) {
            return ProblemReport.report(reply, agent, console);
        }
        int failed = 0;
        int inconclusive = 0;
        int total = 0;
        for (JsonNode item : reply.body().path("items")) {
            total++;
            String line = item.path("name").asString() + ": " + item.path("detail").asString();
            if (item.path("ok").asBoolean()) {
                console.info("ok   " + line);
                continue;
            }
            String remedy = item.hasNonNull("remedy") ? "     remedy: " + item.get("remedy").asString() : null;
            if ("inconclusive".equals(item.path("status").asString())) {
                inconclusive++;
                console.info("?    " + line);
                if (remedy != null) {
                    console.info(remedy);
                }
            } else {
                failed++;
                console.error("FAIL " + line);
                if (remedy != null) {
                    console.error(remedy);
                }
            }
        }
        if (failed > 0 || !reply.body().path("ok").asBoolean()) {
            console.error(failed + " of " + total + " checks failed");
            return ExitCode.FAILED;
        }
        console.info(inconclusive == 0 ? "all " + total + " checks passed"
                : (total - inconclusive) + " of " + total + " checks passed, " + inconclusive + " inconclusive (?)");
        return ExitCode.OK;
    }
}
