package io.snaptastic.host;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses {@code lsblk --json -b -o NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,SERIAL}, flattening the
 * device tree depth first. Older util-linux writes every value as a string, newer ones numbers and
 * nulls; both are read.
 */
public final class LsblkParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LsblkParser() {}

    public static List<BlockDeviceInfo> parse(String json) {
        JsonNode devices;
        try {
            devices = JSON.readTree(json).path("blockdevices");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("lsblk output is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!devices.isArray()) {
            throw new IllegalArgumentException("lsblk output has no blockdevices array");
        }
        List<BlockDeviceInfo> out = new ArrayList<>();
        devices.values().forEach(device -> add(device, null, out));
        return out;
    }

    private static void add(JsonNode node, String parent, List<BlockDeviceInfo> out) {
        String name = text(node, "name");
        out.add(new BlockDeviceInfo(
                name,
                text(node, "path"),
                size(node.path("size")),
                text(node, "type"),
                text(node, "fstype"),
                text(node, "mountpoint"),
                text(node, "serial"),
                parent));
        node.path("children").values().forEach(child -> add(child, name, out));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asString().strip();
        return text.isEmpty() ? null : text;
    }

    private static long size(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        String text = value.isMissingNode() || value.isNull() ? "" : value.asString().strip();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lsblk size is not a byte count (use -b): " + text, e);
        }
    }
}
