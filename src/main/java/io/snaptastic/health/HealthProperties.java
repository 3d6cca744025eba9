package io.snaptastic.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The health checks' settings, under {@code snaptastic.health}.
 *
 * @param mountUsageThreshold a mount point fuller than this many percent makes {@code mounts} DOWN
 * @param ec2CacheTtl how long the EC2-backed checks ({@code snapshots}, {@code ec2}) reuse their last answer
 */
@ConfigurationProperties("snaptastic.health")
public record HealthProperties(
        @DefaultValue("90") int mountUsageThreshold, @DefaultValue("60s") Duration ec2CacheTtl) {}
