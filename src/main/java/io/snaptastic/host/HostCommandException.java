package io.snaptastic.host;

import java.util.List;

/**
 * A host command that failed, timed out or could not start. Carries everything needed to diagnose
 * it in the log; none of it is ever sent to an API client.
 */
public class HostCommandException extends RuntimeException {

    private final List<String> argv;
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    public HostCommandException(String message, Command command, CommandResult result) {
        this(message, command.argv(), result.exitCode(), result.stdout(), result.stderr(), null);
    }

    public HostCommandException(
            String message, List<String> argv, int exitCode, String stdout, String stderr, Throwable cause) {
        super(message + ": " + String.join(" ", argv) + " (exit " + exitCode + ")"
                + (stderr == null || stderr.isBlank() ? "" : ": " + stderr.strip()), cause);
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public List<String> argv() {
        return argv;
    }

    /** The exit code, or -1 when the command never finished (timeout, interrupt, failed start). */
    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }
}
