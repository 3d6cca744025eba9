package io.snaptastic.host;

import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.config.SnaptasticProperties;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The host adapters. Device and sysfs directories: the configured ones, else the platform's (the sandbox's), else the real ones. */
@Configuration(proxyBeanMethods = false)
public class HostConfiguration {

    @Bean
    MountTable mountTable() {
        return new MountTable();
    }

    @Bean
    Filesystems filesystems(HostExecutor executor, MountTable mountTable) {
        return new Filesystems(executor, mountTable);
    }

    @Bean
    FormatAndMount formatAndMount(Filesystems filesystems, Mounter mounter) {
        return new SafeFormatAndMount(filesystems, mounter);
    }

    @Bean
    Mounter mounter(HostExecutor executor, MountTable mountTable) {
        return new UtilLinuxMounter(executor, mountTable);
    }

    @Bean
    DeviceResolver deviceResolver(SnaptasticProperties properties, ObjectProvider<PlatformDefaults> platform) {
        SnaptasticProperties.Host host = properties.host();
        PlatformDefaults defaults = platform.getIfAvailable();
        return new DeviceResolver(
                PlatformDefaults.resolve(host.deviceDir(), defaults, PlatformDefaults::deviceDir, Path.of("/dev")),
                PlatformDefaults.resolve(host.sysfsRoot(), defaults, PlatformDefaults::sysfsRoot, Path.of("/sys")),
                host.deviceNameOffset());
    }
}
