package io.snaptastic.host;

import java.util.List;

/**
 * Every way a host command or a host safety check fails, in one sealed family so a caller's switch
 * over it is complete. None is an {@code AgentException}: as an answer's error each is internal, and a
 * volume's error describes it through {@code workflow.Failures}.
 */
public abstract sealed class HostException extends RuntimeException {

    protected HostException(String message) {
        super(message);
    }

    protected HostException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A host command that failed, timed out or could not start. Carries everything needed to diagnose
     * it in the log; none of it is ever sent to an API client.
     */
    public static sealed class HostCommandException extends HostException {

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

    /** A command that was still running at its time limit, and was killed for it. */
    public static final class HostCommandTimeoutException extends HostCommandException {

        public HostCommandTimeoutException(Command command, String stdout, String stderr) {
            super("timed out after " + command.timeout().toMillis() + " ms", command.argv(), -1, stdout, stderr, null);
        }
    }

    /**
     * The kernel refused a mount. The message is mount's own reason with host paths taken out, fit for
     * an operation's answer; the command and its whole output are in the cause, for the log.
     */
    public static final class MountFailedException extends HostException {

        public MountFailedException(String message, HostCommandException cause) {
            super(message, cause);
        }
    }

    /** A filesystem that could not be unmounted because something still uses it. */
    public static final class MountBusyException extends HostException {

        public MountBusyException(String message) {
            super(message);
        }
    }

    /** A mount point that already holds a different device. */
    public static final class MountConflictException extends HostException {

        public MountConflictException(String message) {
            super(message);
        }
    }

    /** A device that holds data (a filesystem, a partition table) or was restored from a snapshot, and so is never formatted. */
    public static final class DeviceNotEmptyException extends HostException {

        public DeviceNotEmptyException(String message) {
            super(message);
        }
    }

    /** A filesystem check that found errors it could not repair; the volume must not be mounted read-write. */
    public static final class FilesystemCheckException extends HostException {

        private final int exitCode;

        public FilesystemCheckException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        /** The checker's exit code. */
        public int exitCode() {
            return exitCode;
        }
    }

    /** An operand (device, mount point, volume id, option) that fails the allow-list; nothing was run. */
    public static final class InvalidOperandException extends HostException {

        public InvalidOperandException(String message) {
            super(message);
        }
    }

    /** A freeze the agent will not do: the root filesystem, the filesystem of its own state dir, or a path that is not a mount point. */
    public static final class FreezeRefusedException extends HostException {

        public FreezeRefusedException(String message) {
            super(message);
        }
    }
}
