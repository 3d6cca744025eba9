package io.snaptastic.mount;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.FormatAndMount;
import io.snaptastic.host.Mounter;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.ParallelVolumes;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mount and unmount workflows, and the operations that run them. */
@Configuration(proxyBeanMethods = false)
class MountConfiguration {

    @Bean
    MountService mountService(Ec2 ec2, FormatAndMount formatAndMount, Mounter mounter, DeviceResolver resolver,
            SnaptasticProperties properties, ParallelVolumes parallel, Clock clock) {
        SnaptasticProperties.Timeouts timeouts = properties.timeouts();
        return new MountService(ec2, new SnapshotSelector(ec2, clock),
                new VolumeRestorer(ec2, formatAndMount, mounter, new DeviceAwaiter(resolver), timeouts),
                new MountState(mounter, resolver), parallel.count());
    }

    @Bean
    MountOperations mountOperations(MountService mounts, UnmountService unmounts, Operations operations) {
        return new MountOperations(mounts, unmounts, operations);
    }

    @Bean
    MountOverview mountOverview(SnapshotterRegistry registry, SnapshotterResolver resolver, Mounter mounter) {
        return new MountOverview(registry, resolver, mounter);
    }

    @Bean
    UnmountService unmountService(Ec2 ec2, Mounter mounter, DeviceResolver resolver, SnaptasticProperties properties,
            ParallelVolumes parallel) {
        return new UnmountService(ec2, mounter, resolver, properties.timeouts(), parallel.count());
    }
}
