package io.snaptastic.config;

import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.ProcessHostExecutor;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Agent-wide beans. */
@Configuration(proxyBeanMethods = false)
class AgentConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    HostExecutor hostExecutor() {
        return new ProcessHostExecutor();
    }
}
