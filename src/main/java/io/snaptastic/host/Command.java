package io.snaptastic.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One program to run: an argv list (never a shell line), its time limit and extra environment.
 * Compared by value, so tests can expect exact commands without captors.
 */
public record Command(List<String> argv, Duration timeout, Map<String, String> environment) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public Command {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        argv = List.copyOf(argv);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        environment = Map.copyOf(environment);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), DEFAULT_TIMEOUT, Map.of());
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(argv, newTimeout, environment);
    }

    public Command withEnvironment(Map<String, String> newEnvironment) {
        return new Command(argv, timeout, newEnvironment);
    }

    public String program() {
        return argv.get(0);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
