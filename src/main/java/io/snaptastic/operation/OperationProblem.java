package io.snaptastic.operation;

import java.net.URI;

/**
 * Why an operation failed, in the shape of an RFC 9457 problem so a client handles it like any other
 * error answer.
 *
 * @param type a stable URI naming the kind of failure
 * @param title a short summary of that kind
 * @param detail what went wrong in this operation
 */
public record OperationProblem(URI type, String title, String detail) {

    static final String BASE = "https://snaptastic.io/problems/";

    /** A failure nobody translated: the detail stays generic, the log has the exception. */
    public static final OperationProblem INTERNAL =
            new OperationProblem(URI.create(BASE + "internal"), "Internal error", "internal error, see the agent's log");

    /** The agent stopped (crash, restart, shutdown timeout) while the operation was running. */
    public static OperationProblem agentStopped(String detail) {
        return new OperationProblem(URI.create(BASE + "agent-stopped"), "Agent stopped", detail);
    }
}
