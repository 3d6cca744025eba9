package io.snaptastic.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd unit file or drop-in read as systemd reads it: sections of keys, each key with every
 * value it was given (in order), comments dropped and backslash-continued lines joined. Public for
 * the bench, which starts the agent with the JVM options of the shipped unit.
 */
public record SystemdUnit(Map<String, Map<String, List<String>>> sections) {

    private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*(min|s|h)");

    public static SystemdUnit read(Path file) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> section = null;
        for (String line : joinContinuations(Files.readAllLines(file))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                section = sections.computeIfAbsent(trimmed.substring(1, trimmed.length() - 1), name -> new LinkedHashMap<>());
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (section == null || equals < 1) {
                throw new IllegalArgumentException(file + ": not a unit file line: " + line);
            }
            section.computeIfAbsent(trimmed.substring(0, equals).strip(), key -> new ArrayList<>())
                    .add(trimmed.substring(equals + 1).strip());
        }
        return new SystemdUnit(sections);
    }

    /** The values of a key in a section; empty when it is not set. */
    List<String> values(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The one value of a key; fails when it is missing or set more than once. */
    String value(String section, String key) {
        List<String> values = values(section, key);
        if (values.size() != 1) {
            throw new AssertionError("[" + section + "] " + key + " is set " + values.size() + " times: " + values);
        }
        return values.get(0);
    }

    /** The agent's unit as shipped, relative to the repository. */
    public static final Path AGENT = Path.of("packaging", "systemd", "snaptastic.service");

    /** The JVM options the shipped agent unit starts the agent with. */
    public static List<String> agentJvmOptions() {
        try {
            return read(AGENT).jvmOptions();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + AGENT, e);
        }
    }

    /** What {@code ExecStart=JAVA OPTIONS... -jar JAR} gives java before {@code -jar}. */
    public List<String> jvmOptions() {
        List<String> argv = List.of(value("Service", "ExecStart").split("\\s+"));
        int jar = argv.indexOf("-jar");
        if (jar < 1) {
            throw new AssertionError("ExecStart does not start a jar: " + argv);
        }
        return argv.subList(1, jar);
    }

    /** The keys set in a section. */
    List<String> keys(String section) {
        return List.copyOf(sections.getOrDefault(section, Map.of()).keySet());
    }

    /** A time span such as 15min, 2min 30s or 90 (seconds), the forms these units use. */
    static Duration timeSpan(String value) {
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher matcher = SPAN.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find()) {
            if (!value.substring(end, matcher.start()).isBlank()) {
                break;
            }
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "min" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
            end = matcher.end();
        }
        if (end != value.length() || end == 0) {
            throw new IllegalArgumentException("not a time span this test reads: " + value);
        }
        return total;
    }

    private static List<String> joinContinuations(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.endsWith("\\") && !line.strip().startsWith("#")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                joined.add(current.append(line).toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            joined.add(current.toString());
        }
        return joined;
    }
}
