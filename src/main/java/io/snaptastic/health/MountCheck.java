package io.snaptastic.health;

import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.DiskSpace;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.Mounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one expected mount against the host: mounted, from the volume's device, read-write, and
 * below the usage threshold.
 */
public class MountCheck {

    private final Mounter mounter;
    private final DeviceResolver devices;
    private final int usageThresholdPercent;

    public MountCheck(Mounter mounter, DeviceResolver devices, int usageThresholdPercent) {
        this.mounter = mounter;
        this.devices = devices;
        this.usageThresholdPercent = usageThresholdPercent;
    }

    /** What was found: {@code problem} is absent when the mount is healthy. */
    public record Result(Map<String, Object> details, Optional<String> problem) {}

    /** Each expected mount's result, in order, against the host's mounts as read once for all of them. */
    public Map<ExpectedMount, Result> checkAll(Collection<ExpectedMount> expected) {
        Mounter.Mounts mounts = mounter.mounts();
        Map<ExpectedMount, Result> results = new LinkedHashMap<>();
        expected.forEach(mount -> results.put(mount, check(mount, mounts)));
        return results;
    }

    private Result check(ExpectedMount expected, Mounter.Mounts mounts) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("snapshotter", expected.snapshotter());
        details.put("device", expected.device());
        if (expected.volumeId() != null) {
            details.put("volumeId", expected.volumeId());
        }
        Optional<MountEntry> entry = mounts.at(expected.mountPoint());
        if (entry.isEmpty()) {
            return problem(details, "not mounted");
        }
        details.put("source", entry.get().source());
        if (entry.get().readOnly()) {
            return problem(details, "mounted read-only");
        }
        if (expected.volumeId() != null) {
            Optional<Path> device = devices.resolve(expected.volumeId(), expected.device());
            if (device.isEmpty() || !sameFile(entry.get().source(), device.get())) {
                return problem(details, "mounted from " + entry.get().source() + ", not from volume " + expected.volumeId());
            }
        }
        Optional<DiskSpace> space = DiskSpace.of(expected.mountPoint());
        if (space.isEmpty()) {
            return problem(details, "cannot read its usage");
        }
        long total = space.get().totalBytes();
        long used = Math.round(100.0 * (total - space.get().usableBytes()) / total);
        details.put("usagePercent", used);
        if (used > usageThresholdPercent) {
            return problem(details, "usage " + used + "% is above " + usageThresholdPercent + "%");
        }
        details.put("status", "UP");
        return new Result(details, Optional.empty());
    }

    private static Result problem(Map<String, Object> details, String problem) {
        details.put("status", "DOWN");
        details.put("problem", problem);
        return new Result(details, Optional.of(problem));
    }

    private static boolean sameFile(String source, Path device) {
        try {
            return Path.of(source).toRealPath().equals(device.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
