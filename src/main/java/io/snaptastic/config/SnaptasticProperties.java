package io.snaptastic.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent's configuration under {@code snaptastic}, its snapshotters aside (snapshotter's
 * SnapshottersProperties). Checked as a whole at start-up by snapshotter's ConfigurationValidator;
 * a bad configuration stops the agent.
 *
 * @param stateDir where the agent keeps its token, journal and freeze records
 * @param systemDirectories directories no volume may be mounted on or under
 * @param host where the instance's block devices appear
 * @param aws how EC2 and the instance metadata service are reached
 * @param security how the API is protected
 * @param timeouts how long the workflows wait for EC2 and the host
 */
@ConfigurationProperties("snaptastic")
public record SnaptasticProperties(
        @DefaultValue("/var/lib/snaptastic") Path stateDir,
        @DefaultValue({"/proc", "/sys", "/dev", "/boot", "/etc", "/usr", "/bin", "/sbin", "/lib", "/run"})
                List<String> systemDirectories,
        @DefaultValue Host host,
        @DefaultValue Aws aws,
        @DefaultValue Security security,
        @DefaultValue Timeouts timeouts) {

    public SnaptasticProperties {
        systemDirectories = List.copyOf(systemDirectories);
    }

    /**
     * The host's block devices.
     *
     * @param deviceDir where device nodes appear (default /dev, or the sandbox's own directory)
     * @param sysfsRoot the sysfs root read to match NVMe serials to volume ids (default /sys, or the sandbox's)
     * @param deviceNameOffset the seed's device_name_offset: on Xen, /dev/sdf shifted by this many letters
     */
    public record Host(
            Path deviceDir,
            Path sysfsRoot,
            @DefaultValue("0") int deviceNameOffset) {}

    /**
     * How AWS is reached. An endpoint set here always wins, also over the sandbox's.
     *
     * @param region the region; detected from instance metadata when empty
     * @param ec2Endpoint the EC2 endpoint; the SDK's regional default when empty
     * @param imdsEndpoint the instance metadata endpoint; the SDK's default when empty
     * @param callTimeout the longest a single AWS API call may take, retries included
     * @param connectTimeout the longest opening a connection to the EC2 endpoint may take (a proxy or a VPC
     *     endpoint far away may need more)
     */
    public record Aws(
            String region, URI ec2Endpoint, URI imdsEndpoint, @DefaultValue("30s") Duration callTimeout,
            @DefaultValue("2s") Duration connectTimeout) {}

    /**
     * How the API is protected.
     *
     * @param token the bearer token; read from token-file when empty
     * @param tokenFile where the token is kept; created with mode 0600 when missing (default: state-dir/token)
     */
    public record Security(String token, Path tokenFile) {}

    /**
     * Bounds on every wait of a workflow, so an operation always ends.
     *
     * @param volumeAvailable from CreateVolume until the volume is available
     * @param attached from AttachVolume until the attachment is attached
     * @param stuckAttaching how long an attachment may stay attaching before it is given up and detached
     * @param device from attached until the block device shows up on the host
     * @param detached from DetachVolume until the volume is detached
     * @param pendingSnapshot how long a mount waits for the newest snapshot to complete
     * @param parallelVolumes deprecated, null when not set: {@code snaptastic.operations.parallel-volumes}
     *     replaces it (it is no timeout), and this key is read only when that one is not set
     */
    public record Timeouts(
            @DefaultValue("5m") Duration volumeAvailable,
            @DefaultValue("5m") Duration attached,
            @DefaultValue("60s") Duration device,
            @DefaultValue("5m") Duration detached,
            @DefaultValue("30m") Duration pendingSnapshot,
            Integer parallelVolumes,
            // CSI's stuckAttachingTimeout (pkg/cloud/cloud.go).
            @DefaultValue("90s") Duration stuckAttaching) {

        @ConstructorBinding
        public Timeouts {
            stuckAttaching = stuckAttaching == null ? Duration.ofSeconds(90) : stuckAttaching;
        }

        /** The timeouts before stuck-attaching existed; it gets its default. */
        public Timeouts(Duration volumeAvailable, Duration attached, Duration device, Duration detached,
                Duration pendingSnapshot, Integer parallelVolumes) {
            this(volumeAvailable, attached, device, detached, pendingSnapshot, parallelVolumes, null);
        }
    }
}
