package io.snaptastic.host;

/**
 * The kernel refused a mount. The message is mount's own reason with host paths taken out, fit for
 * an operation's answer; the command and its whole output are in the cause, for the log.
 */
public class MountFailedException extends RuntimeException {

    public MountFailedException(String message, HostCommandException cause) {
        super(message, cause);
    }
}
