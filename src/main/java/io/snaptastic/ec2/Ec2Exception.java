package io.snaptastic.ec2;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import java.util.Map;

/**
 * A failed EC2 call, translated once from AWS's error code into what a caller can act on. The
 * original code is kept for the log and the operation's result.
 */
public abstract class Ec2Exception extends AgentException {

    private final String awsCode;

    protected Ec2Exception(ProblemType type, String awsCode, String message, Throwable cause) {
        super(type, message, cause);
        this.awsCode = awsCode;
    }

    @Override
    protected Map<String, Object> properties() {
        return awsCode == null ? Map.of() : Map.of("awsCode", awsCode);
    }

    /** AWS's error code, such as {@code InvalidVolume.NotFound}; null when the call never got an answer. */
    public String awsCode() {
        return awsCode;
    }

    /** The volume, snapshot, instance or attachment does not exist. */
    public static final class NotFound extends Ec2Exception {
        public NotFound(String awsCode, String message, Throwable cause) {
            super(ProblemType.EC2_NOT_FOUND, awsCode, message, cause);
        }
    }

    /** The resource is in a state that does not allow the call (IncorrectState, VolumeInUse …). */
    public static class Conflict extends Ec2Exception {
        public Conflict(String awsCode, String message, Throwable cause) {
            super(ProblemType.EC2_CONFLICT, awsCode, message, cause);
        }
    }

    /**
     * AttachVolume: the device name is already in use on the instance, often by a device DescribeVolumes
     * does not list (an AMI or instance-store mapping). EC2 answers InvalidParameterValue "Attachment
     * point /dev/sdf is already in use"; CSI tells it apart by that text (pkg/cloud/cloud.go
     * isAWSErrorBlockDeviceInUse) and never picks the name again.
     */
    public static final class DeviceInUse extends Conflict {
        public DeviceInUse(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /**
     * AttachVolume: the instance has as many volumes attached as its type allows (AttachmentLimitExceeded,
     * named in the AttachVolume API reference and botocore's EC2 model).
     */
    public static final class AttachmentLimitExceeded extends Conflict {
        public AttachmentLimitExceeded(String awsCode, String message, Throwable cause) {
            super(awsCode, message, cause);
        }
    }

    /** EC2 asked us to slow down (RequestLimitExceeded, SnapshotCreationPerVolumeRateExceeded). */
    public static class Throttled extends Ec2Exception {
        public Throttled(String awsCode, String message, Throwable cause) {
            super(ProblemType.EC2_THROTTLED, awsCode, message, cause);
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
            super(ProblemType.EC2_SNAPSHOT_LIMIT, awsCode, message, cause);
        }
    }

    /** The request itself was wrong (InvalidParameterValue, MissingParameter …). */
    public static final class InvalidRequest extends Ec2Exception {
        public InvalidRequest(String awsCode, String message, Throwable cause) {
            super(ProblemType.EC2_INVALID_REQUEST, awsCode, message, cause);
        }
    }

    /** The credentials may not make this call (UnauthorizedOperation, AuthFailure …). */
    public static final class Denied extends Ec2Exception {
        public Denied(String awsCode, String message, Throwable cause) {
            super(ProblemType.EC2_DENIED, awsCode, message, cause);
        }
    }

    /** The endpoint does not offer this call (CreateSnapshots refused, an unknown action). */
    public static final class Unsupported extends Ec2Exception {
        public Unsupported(String awsCode, String message, Throwable cause) {
            super(ProblemType.EC2_UNSUPPORTED, awsCode, message, cause);
        }
    }

    /** A wait ran past its deadline, or the resource reached a state it cannot leave (error). */
    public static class WaitFailed extends Ec2Exception {
        public WaitFailed(String message) {
            super(ProblemType.EC2_WAIT_FAILED, null, message, null);
        }
    }

    /**
     * An attachment stayed {@code attaching} past the stuck-attaching timeout. It may never complete
     * (an instance over its attachment limit, an EBS-side problem); CSI gives up after 90 s and detaches
     * (pkg/cloud/cloud.go stuckAttachingTimeout).
     */
    public static final class AttachmentStuck extends WaitFailed {
        public AttachmentStuck(String message) {
            super(message);
        }
    }

    /**
     * A volume EC2 described as {@code creating} is gone before it became available. EC2 answers a
     * CreateVolume with a KMS key the caller may not use like this: 200, creating, then NotFound
     * (aws-ebs-csi-driver issue #3010; "The AWS KMS validation for CreateVolume is asynchronous").
     */
    public static final class Vanished extends Ec2Exception {
        private final String volumeId;

        public Vanished(String volumeId, String message) {
            super(ProblemType.EC2_UNAVAILABLE, null, message, null);
            this.volumeId = volumeId;
        }

        public String volumeId() {
            return volumeId;
        }
    }

    /** EC2 could not be reached or answered with a server error. */
    public static final class Unavailable extends Ec2Exception {
        public Unavailable(String awsCode, String message, Throwable cause) {
            super(ProblemType.EC2_UNAVAILABLE, awsCode, message, cause);
        }
    }
}
