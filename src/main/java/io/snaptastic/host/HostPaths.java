package io.snaptastic.host;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes host paths out of a tool's message before it reaches an operation's answer: the device's
 * nodes become "the device", any other path but the configured mount point "a host path".
 */
final class HostPaths {

    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._@+/-]*[A-Za-z0-9_@+-]");

    private HostPaths() {}

    static String hidden(String text, Path device, Path real, String... kept) {
        String named = text.replace(real.toString(), "the device").replace(device.toString(), "the device");
        Set<String> keep = Set.of(kept);
        Matcher path = PATH.matcher(named);
        StringBuilder out = new StringBuilder();
        while (path.find()) {
            path.appendReplacement(out, keep.contains(path.group()) ? "$0" : "a host path");
        }
        return path.appendTail(out).toString();
    }
}
