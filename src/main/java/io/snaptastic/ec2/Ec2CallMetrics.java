package io.snaptastic.ec2;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
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
 * it has succeeded or failed for good, so throttling that the retries absorbed shows as retries; the
 * time between attempts, the retry strategy's backoff and rate limiting, is {@code snaptastic_ec2_retry_wait_seconds}.
 */
public class Ec2CallMetrics implements ExecutionInterceptor {

    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("snaptastic.attempts");
    /** When the last attempt ended (its answer arrived) or, if it got none, when it was sent; System.nanoTime(). */
    private static final ExecutionAttribute<Long> LAST_ATTEMPT = new ExecutionAttribute<>("snaptastic.last-attempt");

    private final MeterRegistry meters;

    public Ec2CallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    // The SDK calls beforeTransmission and afterTransmission once per attempt, and every other hook once
    // per call (ExecutionInterceptor's Javadoc, aws-sdk-java-v2 core/sdk-core): the gap between one
    // attempt's answer and the next attempt's transmission is the wait the retry strategy imposed.
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        long now = System.nanoTime();
        Integer attempts = attributes.getAttribute(ATTEMPTS);
        int attempt = attempts == null ? 1 : attempts + 1;
        attributes.putAttribute(ATTEMPTS, attempt);
        Long last = attributes.getAttribute(LAST_ATTEMPT);
        attributes.putAttribute(LAST_ATTEMPT, now);
        if (attempt > 1) {
            Counter.builder("snaptastic.ec2.retries").description("EC2 call attempts beyond the first")
                    .tag("action", action(attributes)).register(meters).increment();
            Timer.builder("snaptastic.ec2.retry.wait").description("Time between the attempts of an EC2 call")
                    .tag("action", action(attributes)).register(meters).record(Duration.ofNanos(now - last));
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(LAST_ATTEMPT, System.nanoTime());
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
