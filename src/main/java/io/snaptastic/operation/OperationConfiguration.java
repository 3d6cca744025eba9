package io.snaptastic.operation;

import io.snaptastic.config.SnaptasticProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operation runner, journalling under {@code <state-dir>/operations}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
class OperationConfiguration {

    // close() on shutdown waits for running operations, up to snaptastic.operations.shutdown-timeout.
    @Bean(destroyMethod = "close")
    Operations operations(
            SnaptasticProperties properties, OperationsProperties settings, ObjectProvider<FailureDescriber> describer,
            ObjectProvider<OperationReconciler> reconciler) {
        return new Operations(properties.stateDir().resolve("operations"), settings,
                describer.getIfAvailable(() -> FailureDescriber.GENERIC), Clock.systemUTC(),
                reconciler.getIfAvailable(() -> OperationReconciler.NONE));
    }

    @Bean
    ParallelVolumes parallelVolumes(OperationsProperties settings, SnaptasticProperties properties) {
        return ParallelVolumes.resolve(settings.parallelVolumes(), properties.timeouts().parallelVolumes());
    }
}
