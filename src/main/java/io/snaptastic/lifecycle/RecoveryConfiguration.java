package io.snaptastic.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountTable;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.snapshot.SnapshotSchedule;
import io.snaptastic.mount.MountOperations;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.ParallelVolumes;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.support.Threads;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Start-up reconciliation of interrupted operations, the mounts made at start-up, and the reaper. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReaperProperties.class)
class RecoveryConfiguration {

    @Bean
    VolumeReaper volumeReaper(OwnVolumes volumes, Operations operations, SnapshotterRegistry registry,
            SnapshotterResolver resolver, ReaperProperties settings, Clock clock, MeterRegistry meters) {
        return new VolumeReaper(volumes, operations, () -> ConfiguredMountPoints.read(registry, resolver),
                settings.availableFor(), clock, meters);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService reaperSchedule(VolumeReaper reaper, ReaperProperties settings) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Threads.daemon("snaptastic-reaper"));
        if (settings.enabled()) {
            long every = settings.interval().toMillis();
            executor.scheduleWithFixedDelay(() -> {
                try {
                    reaper.reap();
                } catch (RuntimeException e) {
                    // A failed pass (EC2 unreachable) must not end the schedule.
                    LoggerFactory.getLogger(VolumeReaper.class).warn("Reaper pass failed", e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        return executor;
    }

    @Bean
    OwnVolumes ownVolumes(Ec2 ec2, InstanceIdentity instance, MountTable mounts, DeviceResolver devices,
            SnaptasticProperties properties) {
        return new OwnVolumes(ec2, instance, mounts, devices, properties.timeouts());
    }

    // Operations asks it, in the background once the agent is up, about each operation a crash left running.
    @Bean
    InterruptedOperations interruptedOperations(OwnVolumes volumes, ParallelVolumes parallel) {
        return new InterruptedOperations(volumes, parallel.count());
    }

    // As many interrupted operations at once as one operation works on volumes: the same bound on EC2 calls.
    @Bean(destroyMethod = "close")
    StartupReconciliation startupReconciliation(Operations operations, ParallelVolumes parallel) {
        return new StartupReconciliation(operations, parallel.count());
    }

    @Bean(destroyMethod = "close")
    StartupMounts startupMounts(SnapshotterRegistry registry, SnapshotterResolver resolver, MountOperations mounts,
            Operations operations, StartupReconciliation reconciliation) {
        return new StartupMounts(registry, resolver, mounts, operations, reconciliation,
                Executors.newSingleThreadScheduledExecutor(Threads.daemon("snaptastic-startup-mount")));
    }

    @Bean
    OperationsDrain operationsDrain(Operations operations, StartupReconciliation reconciliation) {
        return new OperationsDrain(operations, reconciliation);
    }

    // After the web servers are up, so that liveness answers and readiness says DOWN while what a crash
    // left is reconciled and the mounts are made: Kubernetes restarts a container whose startup or
    // liveness probe keeps failing, while a failing readiness probe only keeps traffic away
    // (kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes). The recorded freezes
    // were thawed before (the Freezer's init method), synchronously: a frozen filesystem must not wait for EC2.
    // A scheduled snapshot starts after its snapshotter's start-up mount: one taking its turn first would
    // make that mount fail as busy, and then snapshot nothing.
    @Bean
    ApplicationListener<ApplicationReadyEvent> reconcileThenMountAtStartup(StartupReconciliation reconciliation,
            StartupMounts startup, SnapshotterRegistry registry, SnapshotSchedule schedule) {
        return event -> {
            reconciliation.start();
            startup.start();
            registry.all().forEach(s -> startup.settled(s.name()).thenRun(() -> schedule.start(s.name())));
        };
    }
}
