package io.snaptastic.cli;

import java.io.PrintStream;

/**
 * Where the client prints: results to standard output, problems to standard error, each only when the
 * chosen {@link LogLevel} lets it through.
 */
final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final LogLevel level;

    Console(PrintStream out, PrintStream err, LogLevel level) {
        this.out = out;
        this.err = err;
        this.level = level;
    }

    void debug(String line) {
        print(LogLevel.DEBUG, out, line);
    }

    void info(String line) {
        print(LogLevel.INFO, out, line);
    }

    void warning(String line) {
        print(LogLevel.WARNING, err, line);
    }

    void error(String line) {
        print(LogLevel.ERROR, err, line);
    }

    void critical(String line) {
        print(LogLevel.CRITICAL, err, line);
    }

    boolean debugEnabled() {
        return level == LogLevel.DEBUG;
    }

    private void print(LogLevel severity, PrintStream stream, String line) {
        if (severity.compareTo(level) >= 0) {
            stream.println(line);
        }
    }
}
