package io.snaptastic.health;

import io.snaptastic.host.DeviceResolver;
import io.snaptastic.host.MountEntry;
import io.snaptastic.host.Mounter;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public Result check(ExpectedMount expected) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("snapshotter", expected.snapshotter());
        details.put("device", expected.device());
        if (expected.volumeId() != null) {
            details.put("volumeId", expected.volumeId());
        }
        Optional<MountEntry> entry = mounter.mountedAt(expected.mountPoint());
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
        try {
            FileStore store = Files.getFileStore(Path.of(expected.mountPoint()));
            long total = store.getTotalSpace();
            long used = total == 0 ? 0 : Math.round(100.0 * (total - store.getUsableSpace()) / total);
            details.put("usagePercent", used);
            if (used > usageThresholdPercent) {
                return problem(details, "usage " + used + "% is above " + usageThresholdPercent + "%");
            }
        } catch (IOException | RuntimeException e) {
            return problem(details, "cannot read its usage");
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
