package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.host.freeze.FreezeConfiguration;
import io.snaptastic.host.freeze.Freezer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class HostConfigurationTests {

    @TempDir
    Path stateDir;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, HostConfiguration.class, FreezeConfiguration.class)
            .withBean(HostExecutor.class, () -> command -> {
                throw new AssertionError("no command expected: " + command);
            });

    @Test
    void providesTheHostAdaptersOverTheRealDevicesByDefault() {
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir).run(context -> {
            assertThat(context).hasSingleBean(MountTable.class).hasSingleBean(Filesystems.class)
                    .hasSingleBean(Mounter.class).hasSingleBean(Freezer.class);
            DeviceResolver resolver = context.getBean(DeviceResolver.class);
            assertThat(resolver.deviceDir()).isEqualTo(Path.of("/dev"));
            assertThat(resolver.sysfsRoot()).isEqualTo(Path.of("/sys"));
        });
    }

    @Test
    void usesThePlatformsDirectoriesWhenNoneAreConfigured() {
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir)
                .withBean(PlatformDefaults.class, () -> new Sandbox(Path.of("/sandbox/dev"), Path.of("/sandbox/sys")))
                .run(context -> {
                    DeviceResolver resolver = context.getBean(DeviceResolver.class);
                    assertThat(resolver.deviceDir()).isEqualTo(Path.of("/sandbox/dev"));
                    assertThat(resolver.sysfsRoot()).isEqualTo(Path.of("/sandbox/sys"));
                });
    }

    @Test
    void configuredDirectoriesWinOverThePlatforms() {
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir, "snaptastic.host.device-dir=/configured/dev",
                        "snaptastic.host.sysfs-root=/configured/sys")
                .withBean(PlatformDefaults.class, () -> new Sandbox(Path.of("/sandbox/dev"), Path.of("/sandbox/sys")))
                .run(context -> {
                    DeviceResolver resolver = context.getBean(DeviceResolver.class);
                    assertThat(resolver.deviceDir()).isEqualTo(Path.of("/configured/dev"));
                    assertThat(resolver.sysfsRoot()).isEqualTo(Path.of("/configured/sys"));
                });
    }

    @Test
    void thawsRecordedFreezesAtStartAndAtShutdown() throws IOException {
        // Mount points that are not mounted: nothing of them can be frozen, so no command runs.
        Path leftAtStart = record("start", "/snaptastic-test/not-mounted-a");
        runner.withPropertyValues("snaptastic.state-dir=" + stateDir).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(leftAtStart).doesNotExist();
            Path leftAtShutdown = record("shutdown", "/snaptastic-test/not-mounted-b");
            context.close();
            assertThat(leftAtShutdown).doesNotExist();
        });
    }

    private Path record(String name, String mountPoint) throws IOException {
        Files.createDirectories(stateDir.resolve("frozen"));
        return Files.writeString(stateDir.resolve("frozen").resolve(name + ".frozen"), mountPoint + "\n");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SnaptasticProperties.class)
    static class Properties {}

    record Sandbox(Path dev, Path sys) implements PlatformDefaults {

        @Override
        public Optional<URI> ec2Endpoint() {
            return Optional.empty();
        }

        @Override
        public Optional<URI> imdsEndpoint() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> deviceDir() {
            return Optional.of(dev);
        }

        @Override
        public Optional<Path> sysfsRoot() {
            return Optional.of(sys);
        }
    }
}
