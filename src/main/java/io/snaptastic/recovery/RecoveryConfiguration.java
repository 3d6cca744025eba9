package io.snaptastic.recovery;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountTable;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.mount.MountService;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.util.concurrent.Executors;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Start-up reconciliation of interrupted operations, and the mounts made at start-up. */
@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

    @Bean
    OwnVolumes ownVolumes(Ec2 ec2, InstanceIdentity instance, MountTable mounts, DeviceResolver devices,
            SnaptasticProperties properties) {
        return new OwnVolumes(ec2, instance.instanceId(), mounts, devices, properties.timeouts());
    }

    // Operations asks it, while it reads its journal, about each operation a crash left running.
    @Bean
    InterruptedOperations interruptedOperations(OwnVolumes volumes) {
        return new InterruptedOperations(volumes);
    }

    @Bean(destroyMethod = "close")
    StartupMounts startupMounts(SnapshotterRegistry registry, SnapshotterResolver resolver, MountService mounts,
            Operations operations) {
        return new StartupMounts(registry, resolver, mounts, operations, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snaptastic-startup-mount");
            thread.setDaemon(true);
            return thread;
        }));
    }

    @Bean
    OperationsDrain operationsDrain(Operations operations) {
        return new OperationsDrain(operations);
    }

    // After the web server is up, so that readiness can say DOWN while the mounts are made.
    @Bean
    ApplicationListener<ApplicationReadyEvent> startStartupMounts(StartupMounts startup) {
        return event -> startup.start();
    }
}
