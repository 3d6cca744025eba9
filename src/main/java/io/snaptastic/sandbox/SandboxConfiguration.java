package io.snaptastic.sandbox;

import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.host.HostExecutor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the sandbox when {@code snaptastic.sandbox.enabled} is true (the {@code sandbox} profile
 * sets it); otherwise nothing of it exists. The server starts with the {@link PlatformDefaults} bean,
 * before any EC2 or IMDS client is built, so the clients see its real port.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "snaptastic.sandbox", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SandboxProperties.class)
class SandboxConfiguration {

    @Bean(destroyMethod = "close")
    Sandbox sandbox(SandboxProperties settings, SnaptasticProperties properties, HostExecutor executor) {
        Path dir = sandboxDir(properties);
        Disks disks = new SandboxDisks(dir, executor, new DeviceLinks(dir.resolve("dev"), dir.resolve("sys")));
        return Sandbox.start(settings, properties.stateDir(), disks, FaultInjector.real(settings.faults()), Clock.systemUTC());
    }

    @Bean
    PlatformDefaults sandboxPlatformDefaults(Sandbox sandbox, SnaptasticProperties properties) {
        Path dir = sandboxDir(properties);
        return new SandboxPlatformDefaults(URI.create("http://127.0.0.1:" + sandbox.port()), dir.resolve("dev"), dir.resolve("sys"));
    }

    private static Path sandboxDir(SnaptasticProperties properties) {
        return properties.stateDir().resolve("sandbox");
    }
}
