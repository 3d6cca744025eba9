package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.PlatformDefaults.StaticCredentials;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.instance.InstanceIdentity;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Ec2ClientSettingsTests {

    private static final URI CONFIGURED = URI.create("http://configured:1");
    private static final URI SANDBOX = URI.create("http://127.0.0.1:2");

    private final CountingIdentity identity = new CountingIdentity();

    @Test
    void prefersTheConfiguredEndpointAndRegion() {
        Ec2ClientSettings settings = Ec2ClientSettings.resolve(aws("eu-central-1", CONFIGURED), sandbox(), identity);

        assertThat(settings.endpoint()).isEqualTo(CONFIGURED);
        assertThat(settings.region().get()).isEqualTo("eu-central-1");
        assertThat(identity.calls).hasValue(0);
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void fallsBackToThePlatformsEndpointAndCredentials() {
        Ec2ClientSettings settings = Ec2ClientSettings.resolve(aws(null, null), sandbox(), identity);

        assertThat(settings.endpoint()).isEqualTo(SANDBOX);
        assertThat(settings.credentials()).isEqualTo(new StaticCredentials("sandbox", "sandbox-secret"));
    }

    @Test
    void leavesEndpointAndCredentialsToTheSdkAndAsksTheInstanceForItsRegionOnlyWhenBuilding() {
        Ec2ClientSettings settings = Ec2ClientSettings.resolve(aws(" ", null), null, identity);

        assertThat(settings.endpoint()).isNull();
        assertThat(settings.credentials()).isNull();
        assertThat(identity.calls).as("not asked before the client is built").hasValue(0);
        assertThat(settings.region().get()).isEqualTo("ap-south-1");
        assertThat(identity.calls).hasValue(1);
    }

    @Test
    void neverShowsTheSecretKey() {
        Ec2ClientSettings settings = Ec2ClientSettings.resolve(aws(null, null), sandbox(), identity);

        assertThat(settings.toString()).doesNotContain("sandbox-secret").contains("staticCredentials=true");
    }

    private static SnaptasticProperties.Aws aws(String region, URI endpoint) {
        return new SnaptasticProperties.Aws(region, endpoint, null, Duration.ofSeconds(7), Duration.ofSeconds(3));
    }

    private static PlatformDefaults sandbox() {
        return new PlatformDefaults() {
            @Override
            public Optional<URI> ec2Endpoint() {
                return Optional.of(SANDBOX);
            }

            @Override
            public Optional<URI> imdsEndpoint() {
                return Optional.empty();
            }

            @Override
            public Optional<StaticCredentials> credentials() {
                return Optional.of(new StaticCredentials("sandbox", "sandbox-secret"));
            }
        };
    }

    private static final class CountingIdentity implements InstanceIdentity {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String instanceId() {
            return "i-1";
        }

        @Override
        public String availabilityZone() {
            return "ap-south-1a";
        }

        @Override
        public String region() {
            calls.incrementAndGet();
            return "ap-south-1";
        }

        @Override
        public Map<String, Object> userdata() {
            return Map.of();
        }
    }
}
