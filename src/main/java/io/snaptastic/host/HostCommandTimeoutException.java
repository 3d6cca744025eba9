package io.snaptastic.host;

/** A command that was still running at its time limit, and was killed for it. */
public class HostCommandTimeoutException extends HostCommandException {

    public HostCommandTimeoutException(Command command, String stdout, String stderr) {
        super("timed out after " + command.timeout().toMillis() + " ms", command.argv(), -1, stdout, stderr, null);
    }
}
