package io.snaptastic.snapshotter;

import io.snaptastic.config.InvalidConfigurationException;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.instance.InstanceIdentity;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the registry from the YAML snapshotters and any {@link Snapshotter} beans the user adds. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SnaptasticProperties.class, SnapshottersProperties.class})
class SnapshotterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SnapshotterConfiguration.class);

    @Bean
    HookRunner hookRunner(HostExecutor executor) {
        return new HookRunner(executor);
    }

    @Bean
    SnapshotterResolver snapshotterResolver(
            SnapshotterRegistry registry, InstanceIdentity instance, SnaptasticProperties properties) {
        return new SnapshotterResolver(registry, instance, new VolumeSpecValidator(properties.systemDirectories()));
    }

    @Bean
    SnapshotterRegistry snapshotterRegistry(
            SnaptasticProperties properties, SnapshottersProperties snapshotters, HookRunner hooks,
            ObjectProvider<Snapshotter> userSnapshotters) {
        // Checked here, where the configuration is first used: a bad one stops the agent with
        // every problem listed before anything is mounted or created.
        List<String> problems = ConfigurationValidator.validate(properties, snapshotters.snapshotters());
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        List<Snapshotter> all = new ArrayList<>();
        snapshotters.snapshotters().forEach((name, config) -> {
            // Said at start-up too, not only when the volumes are first used.
            WholeDiskVolumes.of("snaptastic.snapshotters." + name + ".volumes", config.volumes()).warnings()
                    .forEach(warning -> log.warn("{}", warning));
            all.add(new YamlSnapshotter(name, config, hooks));
        });
        userSnapshotters.orderedStream().forEach(all::add);
        return new SnapshotterRegistry(all);
    }
}
