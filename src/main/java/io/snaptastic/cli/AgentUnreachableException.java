package io.snaptastic.cli;

/** The agent did not answer at all (refused, timed out, unknown host); exits with {@link ExitCode#UNREACHABLE}. */
final class AgentUnreachableException extends RuntimeException {

    AgentUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
