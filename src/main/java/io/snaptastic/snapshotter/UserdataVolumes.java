package io.snaptastic.snapshotter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the seed's userdata volume list: {@code "volumes": [{"device": "/dev/sdf1", "mount_point": …,
 * "size": 200}]}, with the seed's snake_case keys. Checking the values is left to
 * {@link VolumeSpecValidator}, as for YAML volumes, and the seed's {@code /dev/sdf1} becomes the whole
 * disk {@code /dev/sdf} with a warning where all volumes are resolved ({@link WholeDiskVolumes}).
 */
public final class UserdataVolumes {

    private UserdataVolumes() {}

    public static List<VolumeSpec> read(String snapshotter, Map<String, Object> userdata) {
        Object list = userdata.get("volumes");
        if (list == null) {
            throw new MissingUserdataException(snapshotter, "volumes");
        }
        if (!(list instanceof List<?> entries)) {
            throw new InvalidVolumesException(List.of("userdata.volumes: must be a list of volume objects"));
        }
        List<VolumeSpec> volumes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> entry) {
                try {
                    volumes.add(volume(entry));
                } catch (IllegalArgumentException e) {
                    problems.add("userdata.volumes[" + i + "]." + e.getMessage());
                }
            } else {
                problems.add("userdata.volumes[" + i + "]: must be an object");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidVolumesException(problems);
        }
        return volumes;
    }

    private static VolumeSpec volume(Map<?, ?> entry) {
        return new VolumeSpec(
                text(entry, "device"),
                text(entry, "mount_point"),
                number(entry, "size", 5),
                textOr(entry, "type", "gp3"),
                optionalNumber(entry, "iops"),
                optionalNumber(entry, "throughput"),
                textOr(entry, "file_system", "ext4"),
                mountOptions(entry.get("mount_options")),
                flag(entry, "encrypted", true),
                text(entry, "kms_key_id"),
                flag(entry, "delete_on_termination", true));
    }

    private static String text(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(key + ": must be a string");
        }
        return s;
    }

    private static String textOr(Map<?, ?> entry, String key, String fallback) {
        String value = text(entry, key);
        return value == null ? fallback : value;
    }

    private static Integer optionalNumber(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + ": must be a whole number");
        }
        return n.intValue();
    }

    private static int number(Map<?, ?> entry, String key, int fallback) {
        Integer value = optionalNumber(entry, key);
        return value == null ? fallback : value;
    }

    private static boolean flag(Map<?, ?> entry, String key, boolean fallback) {
        Object value = entry.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(key + ": must be true or false");
        }
        return b;
    }

    /** The seed took one comma-separated string; a list is accepted too. */
    private static List<String> mountOptions(Object value) {
        if (value == null) {
            return List.of("defaults");
        }
        if (value instanceof String s) {
            return List.of(s.split(","));
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("mount_options: must be a string or a list of strings");
    }
}
