package io.snaptastic.config;

import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.ProcessHostExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Agent-wide beans. */
@Configuration(proxyBeanMethods = false)
class AgentConfiguration {

    @Bean
    HostExecutor hostExecutor() {
        return new ProcessHostExecutor();
    }
}
