package io.snaptastic.host;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the host commands of a mount may take ({@code snaptastic.host-timeouts.*}) before the agent
 * stops them and fails the volume. The defaults are generous: an e2fsck of a large, damaged ext4 or a
 * format of a big volume takes long, and a killed check is worse than a slow one.
 *
 * @param probe blkid, blockdev, dumpe2fs, xfs_growfs -n: reading what a device holds
 * @param format mkfs of an empty volume
 * @param check e2fsck -p of a restored ext3/ext4
 * @param grow resize2fs or xfs_growfs, online, after a restore onto a larger volume
 * @param mount mount and umount
 */
@ConfigurationProperties("snaptastic.host-timeouts")
public record HostTimeouts(Duration probe, Duration format, Duration check, Duration grow, Duration mount) {

    public static final HostTimeouts DEFAULT = new HostTimeouts(null, null, null, null, null);

    public HostTimeouts {
        probe = positive("probe", probe, Duration.ofSeconds(30));
        format = positive("format", format, Duration.ofMinutes(30));
        check = positive("check", check, Duration.ofHours(2));
        grow = positive("grow", grow, Duration.ofMinutes(30));
        mount = positive("mount", mount, Duration.ofMinutes(2));
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("snaptastic.host-timeouts." + name + ": must be more than 0s");
        }
        return value;
    }
}
