package io.snaptastic.cli;

/** A command line the client refuses before talking to the agent; exits with {@link ExitCode#USAGE}. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
