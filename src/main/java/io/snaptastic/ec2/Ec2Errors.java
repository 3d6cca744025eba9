package io.snaptastic.ec2;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The one place where AWS's error codes become {@link Ec2Exception} subtypes, so no caller ever
 * compares an AWS code string.
 */
final class Ec2Errors {

    private static final Set<String> CONFLICT = Set.of(
            "IncorrectState", "IncorrectInstanceState", "VolumeInUse", "InvalidState", "IdempotentParameterMismatch");
    private static final Set<String> THROTTLED = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException");
    /**
     * HTTP 400 when a volume had a snapshot started less than about 15 s ago ("Error codes for the Amazon
     * EC2 API"; CSI PR #1659).
     */
    private static final String SNAPSHOT_RATE = "SnapshotCreationPerVolumeRateExceeded";
    /**
     * Too many pending snapshots of one volume; they must complete first (AWS knowledge center
     * "ebs-snapshot-stuck": up to five per gp2/io1/io2/standard volume, one per st1/sc1).
     */
    private static final String SNAPSHOT_LIMIT = "ConcurrentSnapshotLimitExceeded";
    private static final Set<String> DENIED = Set.of(
            "UnauthorizedOperation",
            "AuthFailure",
            "Blocked",
            "OptInRequired",
            "InvalidClientTokenId",
            "SignatureDoesNotMatch");
    private static final Set<String> UNSUPPORTED =
            Set.of("UnsupportedOperation", "InvalidAction", "Unsupported", "NotImplemented");

    private Ec2Errors() {}

    /** Runs one SDK call and translates whatever the SDK throws. */
    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    static void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    static Ec2Exception translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String message = aws.awsErrorDetails().errorMessage();
            return translate(
                    operation, aws.awsErrorDetails().errorCode(), aws.statusCode(), message == null ? e.getMessage() : message, e);
        }
        if (e instanceof SdkServiceException service) {
            return translate(operation, null, service.statusCode(), e.getMessage(), e);
        }
        if (e instanceof SdkClientException) {
            return new Ec2Exception.Unavailable(null, operation + ": EC2 could not be reached: " + e.getMessage(), e);
        }
        return new Ec2Exception.Unavailable(null, operation + ": " + e.getMessage(), e);
    }

    /** Translates by code first; the HTTP status decides only for codes this class does not know. */
    static Ec2Exception translate(String operation, String awsCode, int status, String message, Throwable cause) {
        String code = awsCode == null ? "" : awsCode;
        String text = operation + ": " + (message == null ? "no message" : message) + " (" + (awsCode == null ? "HTTP " + status : awsCode) + ")";
        if ("InvalidParameterValue".equals(code) && message != null && message.contains("already in use")) {
            // CSI matches the same code and text (pkg/cloud/cloud.go isAWSErrorBlockDeviceInUse).
            return new Ec2Exception.DeviceInUse(awsCode, operation + ": the device name is already in use on the instance,"
                    + " by a volume or an AMI or instance-store mapping; configure another device: " + message
                    + " (" + awsCode + ")", cause);
        }
        if ("AttachmentLimitExceeded".equals(code)) {
            return new Ec2Exception.AttachmentLimitExceeded(awsCode, operation + ": the instance has as many volumes attached"
                    + " as it can take; detach one or use an instance type that takes more: " + message + " (" + awsCode + ")",
                    cause);
        }
        if (code.endsWith(".NotFound")) {
            return new Ec2Exception.NotFound(awsCode, text, cause);
        }
        if (CONFLICT.contains(code) || code.endsWith(".InUse")) {
            return new Ec2Exception.Conflict(awsCode, text, cause);
        }
        if (code.equals(SNAPSHOT_RATE)) {
            return new Ec2Exception.SnapshotRateExceeded(awsCode, text, cause);
        }
        if (code.equals(SNAPSHOT_LIMIT)) {
            return new Ec2Exception.SnapshotLimitExceeded(awsCode, text, cause);
        }
        if (THROTTLED.contains(code)) {
            return new Ec2Exception.Throttled(awsCode, text, cause);
        }
        if (DENIED.contains(code) || status == 401 || status == 403) {
            return new Ec2Exception.Denied(awsCode, text, cause);
        }
        if (UNSUPPORTED.contains(code) || status == 501) {
            return new Ec2Exception.Unsupported(awsCode, text, cause);
        }
        if (status >= 500 || status == 0) {
            return new Ec2Exception.Unavailable(awsCode, text, cause);
        }
        // InvalidParameterValue, MissingParameter, InvalidParameterCombination, ValidationError, *.Malformed,
        // and every other 4xx (limits, zone mismatches, codes added later): EC2 refused the request as made.
        return new Ec2Exception.InvalidRequest(awsCode, text, cause);
    }
}
