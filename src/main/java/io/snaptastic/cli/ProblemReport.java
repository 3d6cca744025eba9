package io.snaptastic.cli;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Prints an error answer of the agent (RFC 9457 problem+json) as {@code title: detail} with its
 * {@code errors}, and chooses the exit code: the problems that mean "the command line named something
 * wrong" exit with {@link ExitCode#USAGE}, every other one with {@link ExitCode#FAILED}.
 */
final class ProblemReport {

    private static final String BASE = "https://snaptastic.io/problems/";
    private static final Set<String> USAGE_TYPES = Set.of("validation-failed", "malformed-request", "unknown-snapshotter",
            "invalid-userdata", "missing-userdata");

    private ProblemReport() {}

    static int report(AgentReply reply, AgentClient client, Console console) {
        JsonNode body = reply.body();
        String title = text(body, "title", "HTTP " + reply.status());
        String detail = text(body, "detail", null);
        console.error(detail == null ? title : title + ": " + detail);
        for (JsonNode error : body.path("errors")) {
            console.error("  - " + (error.isString() ? error.asString() : error.toString()));
        }
        if (reply.status() == 401) {
            console.error(client.hasToken()
                    ? "The agent refused the token: check --token-file or SNAPTASTIC_TOKEN."
                    : "No token was found: run as root (the agent's token file is " + CliArguments.DEFAULT_TOKEN_FILE
                            + "), or give --token-file or SNAPTASTIC_TOKEN.");
        }
        if (body.hasNonNull("operationId")) {
            console.error("See the operation with: curl -H \"Authorization: Bearer $TOKEN\" " + client.base()
                    + "/operations/" + body.get("operationId").asString());
        }
        String type = text(body, "type", "");
        return type.startsWith(BASE) && USAGE_TYPES.contains(type.substring(BASE.length())) ? ExitCode.USAGE : ExitCode.FAILED;
    }

    private static String text(JsonNode body, String field, String otherwise) {
        JsonNode node = body.path(field);
        return node.isString() && !node.asString().isBlank() ? node.asString() : otherwise;
    }
}
