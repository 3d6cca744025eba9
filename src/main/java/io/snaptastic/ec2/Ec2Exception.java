package io.snaptastic.ec2;

/**
 * A failed EC2 call, translated once from AWS's error code into what a caller can act on. The
 * original code is kept for the log and the operation's result.
 */
public abstract class Ec2Exception extends RuntimeException {

    private final String awsCode;

    protected Ec2Exception(String awsCode, String message, Throwable cause) {
        super(message, cause);
        this.awsCode = awsCode;
    }

    /** AWS's error code, such as {@code InvalidVolume.NotFound}; null when the call never got an answer. */
    public String awsCode() {
        return awsCode;
    }

    /** The volume, snapshot, instance or attachment does not exist. */
    public static final class NotFound extends Ec2Exception {
        public NotFound(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /** The resource is in a state that does not allow the call (IncorrectState, VolumeInUse …). */
    public static final class Conflict extends Ec2Exception {
        public Conflict(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /** EC2 asked us to slow down (RequestLimitExceeded, SnapshotCreationPerVolumeRateExceeded). */
    public static class Throttled extends Ec2Exception {
        public Throttled(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /**
     * EC2 takes one snapshot of a volume about every 15 s (SnapshotCreationPerVolumeRateExceeded): a
     * backoff shorter than that window cannot help, the caller must wait the window out.
     */
    public static final class SnapshotRateExceeded extends Throttled {
        public SnapshotRateExceeded(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /**
     * The volume has as many pending snapshots as EC2 allows (ConcurrentSnapshotLimitExceeded): a new
     * one is refused until one of them completes, which can take minutes to hours.
     */
    public static final class SnapshotLimitExceeded extends Ec2Exception {
        public SnapshotLimitExceeded(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /** The request itself was wrong (InvalidParameterValue, MissingParameter …). */
    public static final class InvalidRequest extends Ec2Exception {
        public InvalidRequest(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /** The credentials may not make this call (UnauthorizedOperation, AuthFailure …). */
    public static final class Denied extends Ec2Exception {
        public Denied(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /** The endpoint does not offer this call (CreateSnapshots refused, an unknown action). */
    public static final class Unsupported extends Ec2Exception {
        public Unsupported(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /** A wait ran past its deadline, or the resource reached a state it cannot leave (error). */
    public static final class WaitFailed extends Ec2Exception {
        public WaitFailed(String message) {
            super(null, message, null);
        }
    }

    /** EC2 could not be reached or answered with a server error. */
    public static final class Unavailable extends Ec2Exception {
        public Unavailable(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }
}
