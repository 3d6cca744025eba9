package io.snaptastic.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.Mounter;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.operation.Operations;
import io.snaptastic.lifecycle.StartupMounts;
import io.snaptastic.lifecycle.StartupReconciliation;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent's health checks, named as the actuator shows them: {@code mounts}, {@code snapshots},
 * {@code ec2}, {@code startup} and {@code recovery} (the bean name without HealthIndicator). The readiness
 * group is mounts, startup and recovery (application.yml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {

    @Bean
    ExpectedMounts expectedMounts(SnaptasticProperties properties, Operations operations) {
        ExpectedMounts expected = new ExpectedMounts(properties.stateDir().resolve("expected-mounts.json"));
        operations.onFinished(expected::follow);
        return expected;
    }

    @Bean
    HealthIndicator mountsHealthIndicator(ExpectedMounts expected, Mounter mounter, DeviceResolver devices,
            HealthProperties settings) {
        return new MountsHealthIndicator(expected, new MountCheck(mounter, devices, settings.mountUsageThreshold()));
    }

    @Bean
    OperationMetrics operationMetrics(MeterRegistry meters, Operations operations) {
        OperationMetrics metrics = new OperationMetrics(meters);
        operations.onFinished(metrics::record);
        return metrics;
    }

    @Bean
    HealthIndicator snapshotsHealthIndicator(ExpectedMounts expected, SnapshotterResolver resolver, Ec2 ec2, Clock clock,
            HealthProperties settings, MeterRegistry meters) {
        SnapshotsHealthIndicator freshness =
                new SnapshotsHealthIndicator(expected, resolver, ec2, clock, new SnapshotAges(meters, clock));
        return new CachedHealthIndicator(freshness, settings.ec2CacheTtl(), clock);
    }

    @Bean
    HealthIndicator ec2HealthIndicator(Ec2 ec2, InstanceIdentity instance, Clock clock, HealthProperties settings) {
        HealthIndicator answers = () -> {
            try {
                ec2.describeInstance(instance.instanceId());
                return Health.up().withDetail("instanceId", instance.instanceId()).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("problem", Failures.describe(e)).build();
            }
        };
        return new CachedHealthIndicator(answers, settings.ec2CacheTtl(), clock);
    }

    @Bean
    HealthIndicator startupHealthIndicator(StartupMounts startup) {
        return () -> {
            Map<String, StartupMounts.StartupMount> state = startup.state();
            boolean done = state.values().stream().allMatch(StartupMounts.StartupMount::isDone);
            return (done ? Health.up() : Health.down()).withDetails(state).build();
        };
    }

    // DOWN while what a crash left is reconciled: the snapshotters concerned take no operation until then.
    @Bean
    HealthIndicator recoveryHealthIndicator(StartupReconciliation reconciliation) {
        return () -> (reconciliation.isDone() ? Health.up() : Health.down()).withDetails(reconciliation.state()).build();
    }
}
