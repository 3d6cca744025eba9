package io.snaptastic.instance;

import java.util.Map;

/** An instance identity that is whatever a test says, with no metadata service behind it. */
public record FixedIdentity(String instanceId, String availabilityZone, String region, Map<String, Object> userdata)
        implements InstanceIdentity {

    /** An instance in {@code region}'s zone a, with no userdata. */
    public static FixedIdentity in(String instanceId, String region) {
        return new FixedIdentity(instanceId, region + "a", region, Map.of());
    }
}
