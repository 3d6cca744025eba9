package io.snaptastic.ec2;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts EC2 calls by action and outcome ({@code snaptastic_ec2_calls_total}), and the attempts the
 * SDK's retry strategy added ({@code snaptastic_ec2_retries_total}): each call is counted once, when
 * it has succeeded or failed for good, so throttling that the retries absorbed shows as retries.
 */
public class Ec2CallMetrics implements ExecutionInterceptor {

    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("snaptastic.attempts");

    private final MeterRegistry meters;

    public Ec2CallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer attempts = attributes.getAttribute(ATTEMPTS);
        int attempt = attempts == null ? 1 : attempts + 1;
        attributes.putAttribute(ATTEMPTS, attempt);
        if (attempt > 1) {
            Counter.builder("snaptastic.ec2.retries").description("EC2 call attempts beyond the first")
                    .tag("action", action(attributes)).register(meters).increment();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "success");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, outcome(context.exception()));
    }

    static String outcome(Throwable failure) {
        if (failure instanceof AwsServiceException aws) {
            if (aws.isThrottlingException()) {
                return "throttled";
            }
            if ("DryRunOperation".equals(aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode())) {
                return "dry-run";
            }
            return aws.statusCode() >= 500 ? "server-error" : "client-error";
        }
        if (failure instanceof SdkClientException && failure.getCause() instanceof IOException) {
            return "io-error";
        }
        return "client-error";
    }

    private void count(ExecutionAttributes attributes, String outcome) {
        Counter.builder("snaptastic.ec2.calls").description("EC2 API calls, counted once each after any retries")
                .tag("action", action(attributes)).tag("outcome", outcome).register(meters).increment();
    }

    private static String action(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name == null ? "unknown" : name;
    }
}
