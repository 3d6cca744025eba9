package io.snaptastic.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformDefaultsTests {

    private static final URI CONFIGURED = URI.create("http://configured:1");
    private static final URI SANDBOX = URI.create("http://127.0.0.1:2");
    private static final URI BUILT_IN = URI.create("http://built-in:3");

    private static final PlatformDefaults SANDBOX_PLATFORM = new PlatformDefaults() {
        @Override
        public Optional<URI> ec2Endpoint() {
            return Optional.of(SANDBOX);
        }

        @Override
        public Optional<URI> imdsEndpoint() {
            return Optional.empty();
        }
    };

    @Test
    void aConfiguredValueWinsOverThePlatformsDefault() {
        assertThat(PlatformDefaults.resolve(CONFIGURED, SANDBOX_PLATFORM, PlatformDefaults::ec2Endpoint, BUILT_IN))
                .isEqualTo(CONFIGURED);
    }

    @Test
    void thePlatformsDefaultWinsOverTheBuiltInOne() {
        assertThat(PlatformDefaults.resolve(null, SANDBOX_PLATFORM, PlatformDefaults::ec2Endpoint, BUILT_IN))
                .isEqualTo(SANDBOX);
    }

    @Test
    void theBuiltInOneAppliesWhenThePlatformHasNoneOrThereIsNoPlatform() {
        assertThat(PlatformDefaults.resolve(null, SANDBOX_PLATFORM, PlatformDefaults::imdsEndpoint, BUILT_IN))
                .isEqualTo(BUILT_IN);
        assertThat(PlatformDefaults.resolve(null, null, PlatformDefaults::ec2Endpoint, BUILT_IN)).isEqualTo(BUILT_IN);
        assertThat(PlatformDefaults.resolve(null, null, PlatformDefaults::ec2Endpoint, null)).isNull();
    }
}
