package io.snaptastic.host;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one way the agent runs host commands; apart from {@link HostConfiguration} so tests give theirs. */
@Configuration(proxyBeanMethods = false)
class HostExecutorConfiguration {

    @Bean
    HostExecutor hostExecutor() {
        return new ProcessHostExecutor();
    }
}
