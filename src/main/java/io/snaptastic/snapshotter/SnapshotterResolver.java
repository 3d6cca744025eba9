package io.snaptastic.snapshotter;

import io.snaptastic.instance.InstanceIdentity;
import java.util.List;
import java.util.Map;

/**
 * Resolves a snapshotter for this instance: its volumes and tag values from the instance's userdata,
 * or from userdata the request brings instead (the seed's {@code --userdata}, for porting old
 * systems). Volumes that a safe host or EC2 would refuse are rejected here, before anything runs.
 */
public class SnapshotterResolver {

    private final SnapshotterRegistry registry;
    private final InstanceIdentity instance;
    private final VolumeSpecValidator validator;

    public SnapshotterResolver(SnapshotterRegistry registry, InstanceIdentity instance, VolumeSpecValidator validator) {
        this.registry = registry;
        this.instance = instance;
        this.validator = validator;
    }

    /**
     * @param userdataOverride replaces the instance's userdata wholesale when not null
     * @throws UnknownSnapshotterException, MissingUserdataException, InvalidVolumesException
     */
    public SnapshotterContext resolve(String name, Map<String, Object> userdataOverride) {
        Snapshotter snapshotter = registry.get(name);
        Map<String, Object> userdata = userdataOverride != null ? userdataOverride : instance.userdata();
        List<VolumeSpec> volumes = snapshotter.volumes(userdata);
        List<String> problems = validator.validate("volumes", volumes);
        if (!problems.isEmpty()) {
            throw new InvalidVolumesException(problems);
        }
        if (volumes.isEmpty()) {
            throw new InvalidVolumesException(List.of("volumes: snapshotter '" + name + "' has no volumes"));
        }
        Map<String, String> filterTags = snapshotter.filterTags(userdata);
        return new SnapshotterContext(
                snapshotter, instance.instanceId(), instance.availabilityZone(), userdata, volumes, filterTags);
    }
}
