package io.snaptastic.cli;

/** The exit codes of the {@code snaptastic} command, stable so scripts and cron can act on them. */
public final class ExitCode {

    /** Everything asked for was done and every check passed. */
    public static final int OK = 0;
    /** The operation failed, a check failed, or the agent refused the request. */
    public static final int FAILED = 1;
    /** The command line (or what it named, such as the snapshotter) is wrong; nothing was done. */
    public static final int USAGE = 2;
    /** The agent could not be reached. */
    public static final int UNREACHABLE = 3;

    private ExitCode() {}
}
