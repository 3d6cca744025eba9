package io.snaptastic.snapshotter;

import io.snaptastic.instance.InstanceIdentity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a snapshotter for this instance: its volumes and tag values from the instance's userdata,
 * or from userdata the request brings instead (the seed's {@code --userdata}, for porting old
 * systems). Volumes that a safe host or EC2 would refuse are rejected here, before anything runs; the
 * seed's partition names are turned into whole disks here, so every workflow sees the same device.
 */
public class SnapshotterResolver {

    private static final Logger log = LoggerFactory.getLogger(SnapshotterResolver.class);

    private final SnapshotterRegistry registry;
    private final InstanceIdentity instance;
    private final VolumeSpecValidator validator;
    /** Warnings already logged: health checks resolve every few seconds, and one line per name is enough. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

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
        List<VolumeSpec> configured = snapshotter.volumes(userdata);
        List<String> problems = validator.validate("volumes", configured);
        if (!problems.isEmpty()) {
            throw new InvalidVolumesException(problems);
        }
        if (configured.isEmpty()) {
            throw new InvalidVolumesException(List.of("volumes: snapshotter '" + name + "' has no volumes"));
        }
        Map<String, String> filterTags = snapshotter.filterTags(userdata);
        WholeDiskVolumes disks = WholeDiskVolumes.of("volumes", configured);
        for (String warning : disks.warnings()) {
            if (warned.add(name + ": " + warning)) {
                log.warn("snapshotter {}: {}", name, warning);
            }
        }
        return new SnapshotterContext(snapshotter, instance.instanceId(), instance.availabilityZone(), userdata,
                disks.volumes(), filterTags, disks.warnings());
    }
}
