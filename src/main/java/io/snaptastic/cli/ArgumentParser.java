package io.snaptastic.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses the seed's command line ({@code snaptastic COMMAND [NAME] [options]}); options take their
 * value as {@code --opt value} or {@code --opt=value}, as the seed's argparse did.
 */
final class ArgumentParser {

    private static final Pattern SNAPSHOTTER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$");
    private static final Set<String> COMMON = Set.of("--url", "--token-file", "--loglevel", "--timeout");
    private static final Set<String> FLAGS = Set.of("--dry-run", "--ignore-mounted", "--delete-volumes");

    /** Each command, whether it takes a snapshotter name, and the options besides the common ones. */
    static final Map<String, Spec> COMMANDS = commands();

    record Spec(boolean takesName, Set<String> options) {}

    private final JsonMapper json;

    ArgumentParser(JsonMapper json) {
        this.json = json;
    }

    static boolean isCommand(String word) {
        return COMMANDS.containsKey(word) || isHelp(word);
    }

    static boolean isHelp(String word) {
        return "help".equals(word) || "--help".equals(word) || "-h".equals(word);
    }

    CliArguments parse(List<String> args) {
        if (args.isEmpty() || isHelp(args.get(0))) {
            return new CliArguments("help", null, null, false, false, false, null, LogLevel.INFO, null, null, null, null, null);
        }
        String command = args.get(0);
        Spec spec = COMMANDS.get(command);
        if (spec == null) {
            throw new UsageException("unknown command '" + command + "'");
        }
        Builder builder = new Builder(command);
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                builder.positional(arg, spec);
                continue;
            }
            int eq = arg.indexOf('=');
            String option = eq < 0 ? arg : arg.substring(0, eq);
            if (!COMMON.contains(option) && !spec.options().contains(option)) {
                throw new UsageException(command + " does not take " + option);
            }
            if (FLAGS.contains(option)) {
                if (eq >= 0) {
                    throw new UsageException(option + " takes no value");
                }
                builder.flag(option);
            } else if (eq >= 0) {
                builder.option(option, arg.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                builder.option(option, args.get(++i));
            } else {
                throw new UsageException(option + " needs a value");
            }
        }
        if (spec.takesName() && builder.snapshotter == null) {
            throw new UsageException(command + " needs the snapshotter's name, such as: snaptastic " + command + " solr");
        }
        return builder.build();
    }

    private ObjectNode userdata(String value) {
        try {
            JsonNode node = json.readTree(value);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // reported below, without the parser's position noise
        }
        throw new UsageException("--userdata must be a JSON object, such as '{\"role\":\"solr\",\"cluster\":\"solr\"}'");
    }

    private static URI url(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--url must be an http(s) URL such as http://127.0.0.1:8168, not '" + value + "'");
    }

    private static Map<String, Spec> commands() {
        Map<String, Spec> commands = new LinkedHashMap<>();
        commands.put("mount-snapshots", new Spec(true, Set.of("--userdata", "--dry-run", "--ignore-mounted")));
        commands.put("make-snapshots", new Spec(true, Set.of("--userdata", "--jitter")));
        commands.put("unmount-snapshots", new Spec(true, Set.of("--delete-volumes")));
        commands.put("list-volumes", new Spec(true, Set.of()));
        commands.put("test", new Spec(false, Set.of()));
        commands.put("check-backups", new Spec(true, Set.of("--max-age")));
        commands.put("clean", new Spec(true, Set.of("--dry-run")));
        commands.put("thaw", new Spec(false, Set.of("--state-dir")));
        return java.util.Collections.unmodifiableMap(commands);
    }

    /** Collects one command line's values; each option may be given once. */
    private final class Builder {

        private final String command;
        private final Set<String> seen = new java.util.HashSet<>();
        private String snapshotter;
        private ObjectNode userdata;
        private boolean dryRun;
        private boolean ignoreMounted;
        private boolean deleteVolumes;
        private Duration maxAge = CliArguments.DEFAULT_MAX_AGE;
        private LogLevel logLevel = LogLevel.INFO;
        private URI url = CliArguments.DEFAULT_URL;
        private Path tokenFile;
        private Duration timeout = CliArguments.DEFAULT_TIMEOUT;
        private Path stateDir = CliArguments.DEFAULT_STATE_DIR;
        private Duration jitter;

        Builder(String command) {
            this.command = command;
        }

        void positional(String arg, Spec spec) {
            if (!spec.takesName() || snapshotter != null) {
                throw new UsageException(command + " takes " + (spec.takesName() ? "one snapshotter name" : "no name")
                        + "; unexpected '" + arg + "'");
            }
            if (!SNAPSHOTTER.matcher(arg).matches()) {
                throw new UsageException("'" + arg + "' is not a snapshotter name (letters, digits, _ and -)");
            }
            snapshotter = arg;
        }

        void flag(String option) {
            once(option);
            switch (option) {
                case "--dry-run" -> dryRun = true;
                case "--ignore-mounted" -> ignoreMounted = true;
                default -> deleteVolumes = true;
            }
        }

        void option(String option, String value) {
            once(option);
            if (value.isBlank()) {
                throw new UsageException(option + " needs a value");
            }
            switch (option) {
                case "--userdata" -> userdata = userdata(value);
                case "--max-age" -> maxAge = Durations.parse(option, value);
                case "--loglevel" -> logLevel = LogLevel.parse(value);
                case "--url" -> url = url(value);
                case "--token-file" -> tokenFile = Path.of(value);
                case "--state-dir" -> stateDir = Path.of(value).toAbsolutePath().normalize();
                case "--jitter" -> jitter = Durations.parse(option, value);
                default -> timeout = Durations.parse(option, value);
            }
        }

        private void once(String option) {
            if (!seen.add(option)) {
                throw new UsageException(option + " is given twice");
            }
        }

        CliArguments build() {
            return new CliArguments(command, snapshotter, userdata, dryRun, ignoreMounted, deleteVolumes, maxAge, logLevel,
                    url, tokenFile, timeout, stateDir, jitter);
        }
    }
}
