package io.snaptastic.ec2;

import io.snaptastic.config.PlatformDefaults.StaticCredentials;
import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.instance.InstanceIdentity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * Everything the EC2 client is built from, resolved in the documented order: an explicit setting,
 * then the platform's default (the sandbox), then the SDK's own default.
 *
 * @param endpoint the EC2 endpoint; null for the SDK's regional default
 * @param region asked only when the client is built, as it may come from instance metadata
 * @param credentials static credentials; null for the SDK's default chain
 * @param callTimeout the longest one API call may take, retries included
 * @param connectTimeout the longest opening a connection may take
 */
record Ec2ClientSettings(
        URI endpoint, Supplier<String> region, StaticCredentials credentials, Duration callTimeout, Duration connectTimeout) {

    /** Attempts per call; the adaptive strategy also slows the client down while EC2 throttles. */
    static final int MAX_ATTEMPTS = 5;

    Ec2ClientSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    static Ec2ClientSettings resolve(
            SnaptasticProperties.Aws aws, PlatformDefaults defaults, InstanceIdentity identity) {
        URI endpoint = PlatformDefaults.resolve(aws.ec2Endpoint(), defaults, PlatformDefaults::ec2Endpoint, null);
        // No setting names credentials: the SDK's default chain applies unless the platform brings its own.
        StaticCredentials credentials = PlatformDefaults.resolve(null, defaults, PlatformDefaults::credentials, null);
        Supplier<String> region = hasText(aws.region()) ? aws::region : identity::region;
        return new Ec2ClientSettings(endpoint, region, credentials, aws.callTimeout(), aws.connectTimeout());
    }

    Ec2Client build() {
        return build(List.of());
    }

    /** @param interceptors see each call, such as the metrics' {@link Ec2CallMetrics} */
    Ec2Client build(List<ExecutionInterceptor> interceptors) {
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(region.get()))
                .credentialsProvider(credentialsProvider())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        .socketTimeout(callTimeout))
                .overrideConfiguration(o -> o.apiCallTimeout(callTimeout)
                        .executionInterceptors(interceptors)
                        .retryStrategy(AwsRetryStrategy.forRetryMode(RetryMode.ADAPTIVE_V2)
                                .toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .build()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentialsProvider() {
        if (credentials == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "Ec2ClientSettings[endpoint=" + endpoint + ", staticCredentials=" + (credentials != null)
                + ", callTimeout=" + callTimeout + "]";
    }
}
