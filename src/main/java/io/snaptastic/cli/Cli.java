package io.snaptastic.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code snaptastic} command: the seed's command line, kept for cron and scripts, as a client of the
 * local agent. It starts no Spring context, so it answers in a fraction of a second.
 */
public final class Cli {

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final JitterWait jitter;

    public Cli(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this(env, out, err, clock, JitterWait.REAL);
    }

    Cli(Map<String, String> env, PrintStream out, PrintStream err, Clock clock, JitterWait jitter) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** Whether the command line is for the client rather than for starting the agent. */
    public static boolean handles(String[] args) {
        return args.length > 0 && ArgumentParser.isCommand(args[0]);
    }

    /** Runs the command line and answers the exit code (see {@link ExitCode}). */
    public int run(String... args) {
        if (args.length == 0 || ArgumentParser.isHelp(args[0])) {
            out.print(Usage.TEXT);
            return ExitCode.OK;
        }
        JsonMapper json = JsonMapper.builder().build();
        CliArguments arguments;
        String token;
        try {
            arguments = new ArgumentParser(json).parse(Arrays.asList(args));
            token = token(arguments);
        } catch (UsageException e) {
            err.println("snaptastic: " + e.getMessage());
            err.println("Run 'snaptastic help' for the commands and options.");
            return ExitCode.USAGE;
        }
        Console console = new Console(out, err, arguments.logLevel());
        AgentClient agent = new AgentClient(arguments.url(), token, json, console);
        try {
            return Commands.all(json, clock, jitter).get(arguments.command()).run(arguments, agent, console);
        } catch (AgentUnreachableException e) {
            console.critical("snaptastic: " + e.getMessage());
            console.critical("Is the agent running? Start it with 'sudo systemctl start snaptastic' or "
                    + "'sudo java -jar /opt/snaptastic/snaptastic.jar', or give its address with --url.");
            return ExitCode.UNREACHABLE;
        }
    }

    /**
     * --token-file when given, else SNAPTASTIC_TOKEN, else the agent's default token file when it can be
     * read; null without one, since reading volumes and snapshots needs no token.
     */
    private String token(CliArguments arguments) {
        if (arguments.tokenFile() != null) {
            try {
                return read(arguments.tokenFile());
            } catch (IOException e) {
                throw new UsageException("cannot read the token file " + arguments.tokenFile() + " ("
                        + e.getClass().getSimpleName() + "); run as root or give SNAPTASTIC_TOKEN");
            }
        }
        String fromEnv = env.get("SNAPTASTIC_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return read(CliArguments.DEFAULT_TOKEN_FILE);
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("empty");
        }
        return token;
    }

    /** The {@code snaptastic} command's own entry point (the jar's main delegates here for client commands). */
    public static void main(String[] args) {
        System.exit(new Cli(System.getenv(), System.out, System.err, Clock.systemUTC()).run(args));
    }
}
