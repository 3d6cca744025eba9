package io.snaptastic.snapshotter;

import io.snaptastic.config.ConfigurationValidator;
import io.snaptastic.config.InvalidConfigurationException;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.instance.InstanceIdentity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the registry from the YAML snapshotters and any {@link Snapshotter} beans the user adds. */
@Configuration(proxyBeanMethods = false)
class SnapshotterConfiguration {

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
            SnaptasticProperties properties, HookRunner hooks, ObjectProvider<Snapshotter> userSnapshotters) {
        // Checked here, where the configuration is first used: a bad one stops the agent with
        // every problem listed before anything is mounted or created.
        List<String> problems = ConfigurationValidator.validate(properties);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        List<Snapshotter> all = new ArrayList<>();
        properties.snapshotters().forEach((name, config) -> all.add(new YamlSnapshotter(name, config, hooks)));
        userSnapshotters.orderedStream().forEach(all::add);
        return new SnapshotterRegistry(all);
    }
}
