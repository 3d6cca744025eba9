package io.snaptastic.instance;

import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.SnaptasticProperties;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/**
 * Builds the {@link InstanceIdentity} on the instance metadata service. Its client is built on the
 * first call and makes none before, so the agent starts also where IMDS cannot be reached, and
 * reports that when asked.
 */
@Configuration(proxyBeanMethods = false)
class InstanceConfiguration {

    // IMDS is a link-local service on the instance itself (169.254.169.254, "Access instance metadata for an
    // EC2 instance", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html):
    // it answers in milliseconds, so anything slower is not there. An EC2 fact, not a setting.
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final int RETRIES = 2;

    @Bean
    ImdsInstanceIdentity instanceIdentity(SnaptasticProperties properties, ObjectProvider<PlatformDefaults> defaults) {
        URI endpoint = PlatformDefaults.resolve(
                properties.aws().imdsEndpoint(), defaults.getIfAvailable(), PlatformDefaults::imdsEndpoint, null);
        return new ImdsInstanceIdentity(() -> metadataClient(endpoint));
    }

    /** @param endpoint the IMDS endpoint; null for the SDK's default (169.254.169.254, or its settings) */
    static Ec2MetadataClient metadataClient(URI endpoint) {
        Ec2MetadataClient.Builder builder = Ec2MetadataClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(READ_TIMEOUT))
                .retryPolicy(r -> r.numRetries(RETRIES));
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        return builder.build();
    }
}
