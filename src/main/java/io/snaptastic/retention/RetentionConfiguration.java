package io.snaptastic.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Retention on request and on each snapshotter's {@code cleanup-cron}. */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    @Bean
    RetentionService retentionService(Ec2 ec2, Clock clock, MeterRegistry meters) {
        return new RetentionService(ec2, clock, meters);
    }

    @Bean
    Cleanups cleanups(RetentionService retention, Operations operations) {
        return new Cleanups(retention, operations);
    }

    @Bean(destroyMethod = "close")
    CleanupSchedule cleanupSchedule(SnapshotterRegistry registry, SnapshotterResolver resolver, Cleanups cleanups) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("snaptastic-cleanup-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        return new CleanupSchedule(registry, resolver, cleanups, scheduler);
    }
}
