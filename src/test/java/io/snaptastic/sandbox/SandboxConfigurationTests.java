package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class SandboxConfigurationTests {

    @TempDir
    Path stateDir;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Agent.class, SandboxConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SnaptasticProperties.class)
    static class Agent {
        @Bean
        HostExecutor hostExecutor() {
            return new ProcessHostExecutor();
        }
    }

    @Test
    void nothingOfTheSandboxExistsUnlessEnabled() {
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir).run(context -> {
            // Null beans, not absent ones (see SandboxConfiguration): what the agent's clients see is nothing.
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanProvider(Sandbox.class).getIfAvailable()).isNull();
            assertThat(context.getBeanProvider(PlatformDefaults.class).getIfAvailable()).isNull();
            assertThat(stateDir.resolve("sandbox")).doesNotExist();
        });
    }

    @Test
    void enabledSandboxPointsTheAgentAtItsLoopbackEndpoint() {
        int[] port = new int[1];
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir, "snaptastic.sandbox.enabled=true", "snaptastic.sandbox.port=0")
                .run(context -> {
                    PlatformDefaults defaults = context.getBean(PlatformDefaults.class);
                    port[0] = context.getBean(Sandbox.class).port();
                    assertThat(defaults.ec2Endpoint()).contains(URI.create("http://127.0.0.1:" + port[0]));
                    assertThat(defaults.imdsEndpoint()).contains(URI.create("http://127.0.0.1:" + port[0]));
                    assertThat(defaults.deviceDir()).contains(stateDir.resolve("sandbox/dev"));
                    assertThat(defaults.sysfsRoot()).contains(stateDir.resolve("sandbox/sys"));
                    assertThat(defaults.credentials()).isPresent();
                    assertThat(accepts("127.0.0.1", port[0])).isTrue();
                });
        assertThat(accepts("127.0.0.1", port[0])).as("stopped with the context").isFalse();
    }

    @Test
    void bindsFaultsByActionName() {
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir, "snaptastic.sandbox.enabled=true", "snaptastic.sandbox.port=0",
                "snaptastic.sandbox.faults.latency.CreateVolume=50ms", "snaptastic.sandbox.faults.throttle.DescribeVolumes.capacity=2",
                "snaptastic.sandbox.faults.throttle.DescribeVolumes.refill-per-second=0.5",
                "snaptastic.sandbox.faults.error-rate=0.1", "snaptastic.sandbox.faults.attach-never-completes=true",
                "snaptastic.sandbox.faults.lost-answer.CreateSnapshots=1.0",
                "snaptastic.sandbox.faults.fail-first.DeleteVolume=1",
                "snaptastic.sandbox.state-delay=0s").run(context -> {
                    SandboxProperties.Faults faults = context.getBean(SandboxProperties.class).faults();
                    assertThat(faults.latency()).containsEntry("CreateVolume", java.time.Duration.ofMillis(50));
                    assertThat(faults.throttle()).containsEntry("DescribeVolumes", new SandboxProperties.Bucket(2, 0.5));
                    assertThat(faults.errorRate()).isEqualTo(0.1);
                    assertThat(faults.attachNeverCompletes()).isTrue();
                    assertThat(faults.lostAnswer()).containsExactly(java.util.Map.entry("CreateSnapshots", 1.0));
                    assertThat(faults.failFirst()).containsExactly(java.util.Map.entry("DeleteVolume", 1));
                    assertThat(context.getBean(SandboxProperties.class).stateDelay()).isZero();
                });
    }

    @Test
    void refusesANegativeFailFirstCountAtStartUp() {
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir, "snaptastic.sandbox.enabled=true", "snaptastic.sandbox.port=0",
                "snaptastic.sandbox.faults.fail-first.DeleteVolume=-1").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("snaptastic.sandbox.faults.fail-first.DeleteVolume: must be 0 or more");
                });
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir, "snaptastic.sandbox.enabled=true", "snaptastic.sandbox.port=0")
                .run(context -> {
                    int port = context.getBean(Sandbox.class).port();
                    String otherAddress = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                            .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                            .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
                            .map(java.net.InetAddress::getHostAddress).findFirst().orElse(null);
                    if (otherAddress != null) {
                        assertThat(accepts(otherAddress, port)).isFalse();
                    }
                    assertThat(accepts("127.0.0.1", port)).isTrue();
                });
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
