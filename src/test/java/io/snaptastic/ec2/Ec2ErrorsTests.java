package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class Ec2ErrorsTests {

    @ParameterizedTest(name = "{0} (HTTP {1}) is {2}")
    @CsvSource({
        "InvalidVolume.NotFound, 400, NotFound",
        "InvalidSnapshot.NotFound, 400, NotFound",
        "InvalidInstanceID.NotFound, 400, NotFound",
        "InvalidAttachment.NotFound, 400, NotFound",
        "IncorrectState, 400, Conflict",
        "VolumeInUse, 400, Conflict",
        "IncorrectInstanceState, 400, Conflict",
        "InvalidSnapshot.InUse, 400, Conflict",
        "RequestLimitExceeded, 503, Throttled",
        "SnapshotCreationPerVolumeRateExceeded, 400, SnapshotRateExceeded",
        "ConcurrentSnapshotLimitExceeded, 400, SnapshotLimitExceeded",
        "Throttling, 400, Throttled",
        "InvalidParameterValue, 400, InvalidRequest",
        "MissingParameter, 400, InvalidRequest",
        "InvalidParameterCombination, 400, InvalidRequest",
        "InvalidParameter, 400, InvalidRequest",
        "ValidationError, 400, InvalidRequest",
        "InvalidVolumeID.Malformed, 400, InvalidRequest",
        "VolumeLimitExceeded, 400, InvalidRequest",
        "AttachmentLimitExceeded, 400, AttachmentLimitExceeded",
        "UnauthorizedOperation, 403, Denied",
        "AuthFailure, 401, Denied",
        "UnsupportedOperation, 400, Unsupported",
        "InvalidAction, 400, Unsupported",
        "InternalError, 500, Unavailable",
        "Unavailable, 503, Unavailable",
    })
    void translatesAwsErrorCodes(String code, int status, String expected) {
        Ec2Exception translated = Ec2Errors.translate("CreateVolume", awsError(code, status));

        assertThat(translated.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(translated.awsCode()).isEqualTo(code);
        assertThat(translated.getMessage()).startsWith("CreateVolume: ").contains("the message", code);
        assertThat(translated.getCause()).isInstanceOf(AwsServiceException.class);
    }

    @Test
    void aSnapshotRateRefusalIsThrottlingThatCallersMayTreatAlike() {
        Ec2Exception translated = Ec2Errors.translate("CreateSnapshot", awsError("SnapshotCreationPerVolumeRateExceeded", 400));

        assertThat(translated).isInstanceOf(Ec2Exception.Throttled.class);
    }

    @Test
    void translatesAnUnknownCodeByItsHttpStatus() {
        assertThat(Ec2Errors.translate("X", awsError("SomethingNew", 502))).isInstanceOf(Ec2Exception.Unavailable.class);
        assertThat(Ec2Errors.translate("X", awsError("SomethingNew", 403))).isInstanceOf(Ec2Exception.Denied.class);
        assertThat(Ec2Errors.translate("X", awsError("SomethingNew", 501))).isInstanceOf(Ec2Exception.Unsupported.class);
        assertThat(Ec2Errors.translate("X", awsError("SomethingNew", 400))).isInstanceOf(Ec2Exception.InvalidRequest.class);
    }

    @Test
    void translatesAServerErrorWithoutACodeAsUnavailable() {
        AwsServiceException bare = AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().build())
                .statusCode(500)
                .message("boom")
                .build();

        Ec2Exception translated = Ec2Errors.translate("DetachVolume", bare);

        assertThat(translated).isInstanceOf(Ec2Exception.Unavailable.class).hasMessageContaining("HTTP 500");
        assertThat(translated.awsCode()).isNull();
    }

    @Test
    void translatesAConnectionFailureAndATimeoutAsUnavailable() {
        SdkClientException refused = SdkClientException.create("Unable to execute HTTP request: Connection refused");
        ApiCallTimeoutException timeout = ApiCallTimeoutException.create(30_000);

        assertThat(Ec2Errors.translate("DescribeVolumes", refused))
                .isInstanceOf(Ec2Exception.Unavailable.class)
                .hasMessageContaining("Connection refused");
        assertThat(Ec2Errors.translate("DescribeVolumes", timeout)).isInstanceOf(Ec2Exception.Unavailable.class);
    }

    @Test
    void translatesWhatACallThrowsAndPassesItsResultThrough() {
        assertThat(Ec2Errors.call("DescribeVolumes", () -> "result")).isEqualTo("result");
        assertThatThrownBy(() -> Ec2Errors.run("DeleteVolume vol-1", () -> {
                    throw awsError("InvalidVolume.NotFound", 400);
                }))
                .isInstanceOf(Ec2Exception.NotFound.class)
                .hasMessageStartingWith("DeleteVolume vol-1: ");
    }

    @Test
    void tellsADeviceNameInUseFromOtherInvalidParameterValues() {
        Ec2Exception inUse = Ec2Errors.translate("AttachVolume vol-1", awsError("InvalidParameterValue", 400,
                "Invalid value '/dev/sdf' for unixDevice. Attachment point /dev/sdf is already in use"));
        Ec2Exception other = Ec2Errors.translate("AttachVolume vol-1", awsError("InvalidParameterValue", 400,
                "Value (/dev/sdf1) for parameter device is invalid. /dev/sdf1 is not a valid EBS device name."));

        assertThat(inUse).isInstanceOf(Ec2Exception.DeviceInUse.class)
                .hasMessageStartingWith("AttachVolume vol-1: the device name is already in use on the instance")
                .hasMessageContaining("Attachment point /dev/sdf is already in use");
        assertThat(inUse.awsCode()).isEqualTo("InvalidParameterValue");
        assertThat(other).isExactlyInstanceOf(Ec2Exception.InvalidRequest.class);
    }

    @Test
    void saysWhatToDoWhenTheInstanceTakesNoMoreVolumes() {
        Ec2Exception limit = Ec2Errors.translate("AttachVolume vol-1", awsError("AttachmentLimitExceeded", 400,
                "You have reached the limit of attached volumes for this instance"));

        assertThat(limit).isInstanceOf(Ec2Exception.AttachmentLimitExceeded.class)
                .hasMessageContaining("as many volumes attached as it can take")
                .hasMessageContaining("(AttachmentLimitExceeded)");
    }

    private static AwsServiceException awsError(String code, int status) {
        return awsError(code, status, "the message");
    }

    private static AwsServiceException awsError(String code, int status, String message) {
        return software.amazon.awssdk.services.ec2.model.Ec2Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Ec2")
                        .build())
                .statusCode(status)
                .build();
    }
}
