package io.snaptastic.snapshot;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.host.Mounter;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The snapshot workflow, the operations that run it (on request and on schedule), and the snapshot listing. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SnapshotPacing.class)
class SnapshotConfiguration {

    @Bean
    SnapshotService snapshotService(Ec2 ec2, Mounter mounter, Freezer freezer, SnapshotPacing pacing, Clock clock) {
        FrozenSnapshotter frozen = new FrozenSnapshotter(ec2, freezer, FrozenSnapshotter.Backoff.DEFAULT, pacing, Sleeper.REAL);
        return new SnapshotService(ec2, mounter, frozen, clock);
    }

    @Bean
    SnapshotOperations snapshotOperations(SnapshotService snapshots, Operations operations) {
        return new SnapshotOperations(snapshots, operations);
    }

    @Bean(destroyMethod = "close")
    SnapshotSchedule snapshotSchedule(SnapshotterRegistry registry, SnapshotterResolver resolver,
            SnapshotOperations snapshots, InstanceIdentity instance, Clock clock) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("snaptastic-schedule-");
        scheduler.setDaemon(true);
        scheduler.setClock(clock);
        scheduler.initialize();
        return new SnapshotSchedule(registry, resolver, snapshots, instance::instanceId, scheduler);
    }

    @Bean
    SnapshotDeleter snapshotDeleter(Ec2 ec2) {
        return new SnapshotDeleter(ec2);
    }

    @Bean
    SnapshotQueryService snapshotQueryService(Ec2 ec2) {
        return new SnapshotQueryService(ec2);
    }
}
