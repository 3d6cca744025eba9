package io.snaptastic.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A command that starts an operation on the agent (mount, snapshot, unmount, cleanup) and waits for
 * it: first with {@code ?wait=} on the request itself, then by polling {@code GET /operations/{id}?wait=}
 * until it finishes or {@code --timeout} has passed.
 */
final class OperationCommand implements CliCommand {

    /** Slack on top of the server-side wait, so the HTTP call outlives the wait it asked for. */
    private static final Duration CALL_SLACK = Duration.ofSeconds(30);
    private static final long MAX_WAIT_SECONDS = 900;

    /** The request that starts the operation; {@code query} is appended after {@code wait}, may be empty. */
    record Start(String method, String path, String query, JsonNode body) {}

    private final Function<CliArguments, Start> start;
    private final Clock clock;

    OperationCommand(Function<CliArguments, Start> start, Clock clock) {
        this.start = start;
        this.clock = clock;
    }

    @Override
    public int run(CliArguments args, AgentClient agent, Console console) {
        Instant deadline = clock.instant().plus(args.timeout());
        Start request = start.apply(args);
        long wait = waitSeconds(deadline);
        String target = request.path() + "?wait=" + wait + request.query();
        AgentReply reply = "DELETE".equals(request.method())
                ? agent.delete(target, Duration.ofSeconds(wait).plus(CALL_SLACK))
                : agent.post(target, request.body(), Duration.ofSeconds(wait).plus(CALL_SLACK));
        while (reply.ok() && "running".equals(reply.body().path("status").asString())) {
            String id = reply.body().path("id").asString();
            if (!clock.instant().isBefore(deadline)) {
                console.error(reply.body().path("type").asString() + " " + args.snapshotter() + ": still running after "
                        + Durations.exact(args.timeout()) + "; it goes on in the agent. Follow it with: curl -H "
                        + "\"Authorization: Bearer $TOKEN\" " + agent.base() + "/operations/" + id + "?wait=60");
                return ExitCode.FAILED;
            }
            console.debug("operation " + id + " still running, waiting");
            wait = waitSeconds(deadline);
            reply = agent.get("/operations/" + id + "?wait=" + wait, Duration.ofSeconds(wait).plus(CALL_SLACK));
        }
        if (!reply.ok()) {
            return ProblemReport.report(reply, agent, console);
        }
        return OperationReport.print(reply.body(), console);
    }

    private long waitSeconds(Instant deadline) {
        // Rounded up, so a --timeout of 10m asks for wait=600, not 599.
        long remaining = (Duration.between(clock.instant(), deadline).toMillis() + 999) / 1000;
        return Math.max(1, Math.min(MAX_WAIT_SECONDS, remaining));
    }
}
