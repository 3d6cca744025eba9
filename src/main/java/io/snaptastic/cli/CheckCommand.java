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
            switch (print(item, console)) {
                case FAILED -> failed++;
                case INCONCLUSIVE -> inconclusive++;
                case PASSED -> { }
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

    private enum Outcome { PASSED, FAILED, INCONCLUSIVE }

    /** One line per item, and its remedy under it; failures go to stderr. */
    private static Outcome print(JsonNode item, Console console) {
        String line = item.path("name").asString() + ": " + item.path("detail").asString();
        String remedy = item.hasNonNull("remedy") ? "     remedy: " + item.get("remedy").asString() : null;
        if (item.path("ok").asBoolean()) {
            console.info("ok   " + line);
            return Outcome.PASSED;
        }
        if ("inconclusive".equals(item.path("status").asString())) {
            console.info("?    " + line);
            if (remedy != null) {
                console.info(remedy);
            }
            return Outcome.INCONCLUSIVE;
        }
        console.error("FAIL " + line);
        if (remedy != null) {
            console.error(remedy);
        }
        return Outcome.FAILED;
    }
}
