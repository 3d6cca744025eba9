package io.snaptastic.ec2;

import io.micrometer.core.instrument.MeterRegistry;
import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.support.Lazy;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Builds the {@link Ec2} port. The SDK client itself is built on the first EC2 call, not here, so
 * the agent starts and reports the problem where the region or credentials cannot be found.
 */
@Configuration(proxyBeanMethods = false)
class Ec2Configuration {

    @Bean
    SdkEc2 ec2(SnaptasticProperties properties, ObjectProvider<PlatformDefaults> defaults, InstanceIdentity identity,
            ObjectProvider<MeterRegistry> meters) {
        Ec2ClientSettings settings = Ec2ClientSettings.resolve(properties.aws(), defaults.getIfAvailable(), identity);
        MeterRegistry registry = meters.getIfAvailable();
        List<ExecutionInterceptor> interceptors = registry == null ? List.of() : List.of(new Ec2CallMetrics(registry));
        return new SdkEc2(new Lazy<>(() -> build(settings, interceptors)), identity, SdkEc2.DEFAULT_PAGE_SIZE);
    }

    static SdkEc2 sdkEc2(Ec2ClientSettings settings, InstanceIdentity identity) {
        return sdkEc2(settings, identity, SdkEc2.DEFAULT_PAGE_SIZE);
    }

    static SdkEc2 sdkEc2(Ec2ClientSettings settings, InstanceIdentity identity, int pageSize) {
        return new SdkEc2(new Lazy<>(() -> build(settings)), identity, pageSize);
    }

    private static Ec2Client build(Ec2ClientSettings settings) {
        return build(settings, List.of());
    }

    /** A client that cannot be built (no region: IMDS unreachable and none configured) is an unavailable EC2. */
    private static Ec2Client build(Ec2ClientSettings settings, List<ExecutionInterceptor> interceptors) {
        try {
            return settings.build(interceptors);
        } catch (RuntimeException e) {
            throw new Ec2Exception.Unavailable(
                    null, "the EC2 client could not be built from " + settings + ": " + e.getMessage(), e);
        }
    }
}
