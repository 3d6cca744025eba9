package io.snaptastic.instance;

import java.util.Map;

/** Who the agent runs as on EC2: read from the instance metadata service (IMDSv2). */
public interface InstanceIdentity {

    String instanceId();

    String availabilityZone();

    String region();

    /**
     * The instance's userdata as a JSON object (empty when the instance has none).
     *
     * @throws InvalidUserdataException when the userdata is not a JSON object
     */
    Map<String, Object> userdata();
}
