package io.snaptastic.host.freeze;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.MountTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The freezer of the host. */
@Configuration(proxyBeanMethods = false)
public class FreezeConfiguration {

    /** Thaws what a killed agent left frozen before anything else runs, and everything at shutdown. */
    @Bean(initMethod = "thawRecorded", destroyMethod = "close")
    Freezer freezer(HostExecutor executor, MountTable mountTable, SnaptasticProperties properties) {
        return new RecordingFreezer(executor, mountTable, properties.stateDir());
    }
}
