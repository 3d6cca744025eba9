package io.snaptastic.sandbox;

import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.host.HostExecutor;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the sandbox when {@code snaptastic.sandbox.enabled} is true (the {@code sandbox} profile
 * sets it); otherwise both beans are null, so no port is bound and no client points anywhere but AWS.
 * The server starts with the {@link PlatformDefaults} bean, before any EC2 or IMDS client is built,
 * so the clients see its real port.
 *
 * <p>Decided at run time, not by a {@code @Conditional}: the ahead-of-time processed context
 * ({@code -Dspring.aot.enabled=true}) fixes conditions at build time, and one build serves both
 * the sandbox and production.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxProperties.class)
class SandboxConfiguration {

    @Bean(destroyMethod = "close")
    @Nullable Sandbox sandbox(SandboxProperties settings, SnaptasticProperties properties, HostExecutor executor) {
        if (!settings.enabled()) {
            return null;
        }
        Path dir = sandboxDir(properties);
        Disks disks = new SandboxDisks(dir, executor, new DeviceLinks(dir.resolve("dev"), dir.resolve("sys")));
        return Sandbox.start(settings, properties.stateDir(), disks, FaultInjector.real(settings.faults()), Clock.systemUTC());
    }

    @Bean
    @Nullable PlatformDefaults sandboxPlatformDefaults(ObjectProvider<Sandbox> running, SnaptasticProperties properties) {
        Sandbox sandbox = running.getIfAvailable();
        if (sandbox == null) {
            return null;
        }
        Path dir = sandboxDir(properties);
        return new SandboxPlatformDefaults(URI.create("http://127.0.0.1:" + sandbox.port()), dir.resolve("dev"), dir.resolve("sys"));
    }

    private static Path sandboxDir(SnaptasticProperties properties) {
        return properties.stateDir().resolve("sandbox");
    }
}
