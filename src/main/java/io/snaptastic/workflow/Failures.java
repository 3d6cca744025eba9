package io.snaptastic.workflow;

import io.snaptastic.host.HostException.HostCommandException;
import java.nio.file.Path;

/**
 * Turns a failure into the sentence an operation's result shows. A host command's output stays in
 * the agent's log: API answers never carry stderr, stack traces or host paths beyond the configured
 * devices and mount points.
 */
public final class Failures {

    private Failures() {}

    public static String describe(Throwable failure) {
        if (failure instanceof HostCommandException command) {
            String program = Path.of(command.argv().get(0)).getFileName().toString();
            return command.exitCode() < 0
                    ? program + " did not finish (timed out or could not start); details are in the agent's log"
                    : program + " failed with exit code " + command.exitCode() + "; details are in the agent's log";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
