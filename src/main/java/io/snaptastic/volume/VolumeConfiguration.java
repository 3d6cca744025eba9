package io.snaptastic.volume;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.host.Mounter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The volume listing. */
@Configuration(proxyBeanMethods = false)
class VolumeConfiguration {

    @Bean
    VolumeService volumeService(Ec2 ec2, Mounter mounter) {
        return new VolumeService(ec2, mounter);
    }
}
