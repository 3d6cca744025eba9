package io.snaptastic.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The seed's {@code --loglevel} values, in increasing severity. Here they choose how much the client
 * prints: WARNING prints only problems, which is what a cron job wants mailed.
 */
enum LogLevel {
    DEBUG,
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    static LogLevel parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--loglevel must be one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(" ")) + ", not '" + value + "'");
        }
    }
}
