package io.snaptastic.volume;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.Mounter;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.support.Threads;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The volume listing. */
@Configuration(proxyBeanMethods = false)
class VolumeConfiguration {

    @Bean
    RecentAttachments recentAttachments(Ec2 ec2, Operations operations) {
        // Not an Executor bean: that would replace Spring Boot's applicationTaskExecutor.
        ExecutorService refresher = Executors.newSingleThreadExecutor(Threads.daemon("attachments-refresh"));
        RecentAttachments recent =
                new RecentAttachments(ec2, Duration.ofMillis(500), Duration.ofSeconds(5), refresher, System::nanoTime);
        // Mounts and unmounts attach and detach; snapshots and clean-ups leave attachments alone. EC2
        // answers DescribeVolumes in well under a second; an operation's answer waits no longer than 2 s.
        operations.onFinished(operation -> {
            if (operation.type() == OperationType.MOUNT || operation.type() == OperationType.UNMOUNT) {
                recent.renew(Duration.ofSeconds(2));
            }
        });
        return recent;
    }

    @Bean
    VolumeService volumeService(RecentAttachments recentAttachments, Mounter mounter) {
        return new VolumeService(recentAttachments, mounter);
    }
}
