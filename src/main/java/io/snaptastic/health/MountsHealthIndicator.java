package io.snaptastic.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when every mount point the agent mounted is still mounted from its volume, read-write and below
 * the usage threshold; DOWN with each mount point's findings otherwise. It reads the host only, so a
 * load balancer may ask it often.
 */
public class MountsHealthIndicator implements HealthIndicator {

    private final ExpectedMounts expected;
    private final MountCheck check;

    public MountsHealthIndicator(ExpectedMounts expected, MountCheck check) {
        this.expected = expected;
        this.check = check;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (var checked : check.checkAll(expected.all()).entrySet()) {
            ExpectedMount mount = checked.getKey();
            MountCheck.Result result = checked.getValue();
            if (result.problem().isPresent()) {
                health.down();
            }
            health.withDetail(mount.mountPoint(), result.details());
        }
        return health.build();
    }
}
