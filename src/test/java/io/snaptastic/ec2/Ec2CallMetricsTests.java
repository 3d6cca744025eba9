package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

class Ec2CallMetricsTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Ec2CallMetrics metrics = new Ec2CallMetrics(meters);

    @Test
    void countsACallOnceWithItsRetries() {
        ExecutionAttributes attributes = attributes("DescribeVolumes");
        for (int attempt = 0; attempt < 3; attempt++) {
            metrics.beforeTransmission(mock(Context.BeforeTransmission.class), attributes);
        }
        metrics.afterExecution(mock(Context.AfterExecution.class), attributes);

        assertThat(meters.get("snaptastic.ec2.calls").tag("action", "DescribeVolumes").tag("outcome", "success")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("snaptastic.ec2.retries").tag("action", "DescribeVolumes").counter().count()).isEqualTo(2);
    }

    @Test
    void countsAThrottledFailureAsThrottled() {
        ExecutionAttributes attributes = attributes("CreateSnapshots");
        Context.FailedExecution failed = mock(Context.FailedExecution.class);
        given(failed.exception()).willReturn(AwsServiceException.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("RequestLimitExceeded").build()).build());

        metrics.onExecutionFailure(failed, attributes);

        assertThat(meters.get("snaptastic.ec2.calls").tag("action", "CreateSnapshots").tag("outcome", "throttled")
                .counter().count()).isEqualTo(1);
        assertThat(meters.find("snaptastic.ec2.retries").counter()).isNull();
    }

    @Test
    void namesOtherOutcomes() {
        assertThat(Ec2CallMetrics.outcome(AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidVolume.NotFound").build()).build()))
                .isEqualTo("client-error");
        assertThat(Ec2CallMetrics.outcome(AwsServiceException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError").build()).build()))
                .isEqualTo("server-error");
        assertThat(Ec2CallMetrics.outcome(AwsServiceException.builder().statusCode(412)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("DryRunOperation").build()).build()))
                .isEqualTo("dry-run");
        assertThat(Ec2CallMetrics.outcome(SdkClientException.create("refused", new IOException("connection refused"))))
                .isEqualTo("io-error");
    }

    static ExecutionAttributes attributes(String action) {
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, action);
        return attributes;
    }
}
