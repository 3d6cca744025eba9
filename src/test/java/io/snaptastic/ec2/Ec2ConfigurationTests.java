package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.instance.InstanceIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The agent starts without EC2 or IMDS and reports their absence on the first call instead. */
class Ec2ConfigurationTests {

    @Test
    void startsWithoutReachingEc2AndFailsTheFirstCallAsUnavailable() throws IOException {
        String nowhere = "http://127.0.0.1:" + closedPort();
        new ApplicationContextRunner()
                .withUserConfiguration(Agent.class)
                .withPropertyValues("snaptastic.aws.imds-endpoint=" + nowhere, "snaptastic.aws.call-timeout=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Ec2.class).hasSingleBean(InstanceIdentity.class);

                    Ec2 ec2 = context.getBean(Ec2.class);
                    assertThatThrownBy(() -> ec2.findVolume("vol-1"))
                            .isInstanceOf(Ec2Exception.Unavailable.class)
                            .hasMessageContaining("could not be built");
                    assertThatThrownBy(() -> ec2.awaitVolumeAvailable("vol-1", Duration.ofSeconds(5)))
                            .isInstanceOf(Ec2Exception.Unavailable.class);
                });
    }

    @Test
    void callsTheConfiguredEndpointInTheConfiguredRegion() throws IOException {
        String nowhere = "http://127.0.0.1:" + closedPort();
        new ApplicationContextRunner()
                .withUserConfiguration(Agent.class)
                .withPropertyValues(
                        "snaptastic.aws.region=eu-west-1",
                        "snaptastic.aws.ec2-endpoint=" + nowhere,
                        "snaptastic.aws.imds-endpoint=" + nowhere,
                        "snaptastic.aws.call-timeout=3s")
                .run(context -> {
                    Ec2 ec2 = context.getBean(Ec2.class);
                    // The client is built (the region is configured) and its call is refused by the closed port.
                    assertThatThrownBy(() -> ec2.findVolume("vol-1"))
                            .isInstanceOf(Ec2Exception.Unavailable.class)
                            .hasMessageContaining("could not be reached");
                });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SnaptasticProperties.class)
    @Import(Ec2Configuration.class)
    @ComponentScan(basePackageClasses = InstanceIdentity.class) // the instance package's own configuration
    static class Agent {}
}
