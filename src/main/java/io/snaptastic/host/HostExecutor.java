package io.snaptastic.host;

import io.snaptastic.host.HostException.HostCommandException;

/**
 * Runs programs on the host. The only port through which the agent touches processes: argv lists
 * only, a time limit on every command, both output streams read.
 */
public interface HostExecutor {

    /**
     * Runs the command and returns whatever exit code it had.
     *
     * @throws HostCommandException when it cannot start, times out or the thread is interrupted
     */
    CommandResult execute(Command command);

    /**
     * Runs the command and insists on exit code 0.
     *
     * @throws HostCommandException on any other exit code, too
     */
    default CommandResult run(Command command) {
        CommandResult result = execute(command);
        if (!result.succeeded()) {
            throw new HostCommandException("command failed", command, result);
        }
        return result;
    }
}
