package io.snaptastic.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snaptastic.config.InvalidConfigurationException;
import io.snaptastic.config.SnaptasticProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class ParallelVolumesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(UserConfigurations.of(Bound.class));

    @Test
    void isSixteenWhenNeitherKeyIsSet() {
        runner.run(context -> assertThat(context.getBean(ParallelVolumes.class).count()).isEqualTo(16));
    }

    @Test
    void isReadFromTheOperationsKey() {
        runner.withPropertyValues("snaptastic.operations.parallel-volumes=3")
                .run(context -> assertThat(context.getBean(ParallelVolumes.class).count()).isEqualTo(3));
    }

    @Test
    void theOldTimeoutsKeyStillWorksAndTheLogSaysWhatToSetInstead(CapturedOutput output) {
        runner.withPropertyValues("snaptastic.timeouts.parallel-volumes=5")
                .run(context -> assertThat(context.getBean(ParallelVolumes.class).count()).isEqualTo(5));

        assertThat(output).contains("snaptastic.timeouts.parallel-volumes is deprecated")
                .contains("set snaptastic.operations.parallel-volumes=5 instead");
    }

    @Test
    void theOperationsKeyWinsOverTheOldOne() {
        runner.withPropertyValues("snaptastic.timeouts.parallel-volumes=5", "snaptastic.operations.parallel-volumes=2")
                .run(context -> assertThat(context.getBean(ParallelVolumes.class).count()).isEqualTo(2));
    }

    @Test
    void lessThanOneIsAConfigurationProblemNamingTheKey() {
        assertThatThrownBy(() -> ParallelVolumes.resolve(0, null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("snaptastic.operations.parallel-volumes: 0 must be at least 1");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({OperationsProperties.class, SnaptasticProperties.class})
    static class Bound {

        @Bean
        ParallelVolumes parallelVolumes(OperationsProperties operations, SnaptasticProperties properties) {
            return new OperationConfiguration().parallelVolumes(operations, properties);
        }
    }
}
