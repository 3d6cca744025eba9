package io.snaptastic.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads ages and timeouts the way the seed wrote them: a number and one of s m h d w (plain seconds without one). */
final class Durations {

    private static final Pattern AGE = Pattern.compile("^([0-9]{1,9})([smhdw]?)$");

    private Durations() {}

    static Duration parse(String option, String value) {
        Matcher matcher = AGE.matcher(value.trim());
        if (!matcher.matches()) {
            throw new UsageException(option + " must be a number with an optional unit s m h d w (such as 30m or 1d), not '"
                    + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(amount * 7);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero()) {
            throw new UsageException(option + " must be longer than 0");
        }
        return duration;
    }

    /** The largest of the seed's units that gives a whole number: 1d, 36h, 90s. */
    static String exact(Duration duration) {
        long seconds = duration.getSeconds();
        long[] sizes = {604_800, 86_400, 3600, 60};
        String[] units = {"w", "d", "h", "m"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds > 0 && seconds % sizes[i] == 0) {
                return seconds / sizes[i] + units[i];
            }
        }
        return seconds + "s";
    }

    /** A short, rounded-down human form for an age: 45s, 12m, 3h, 2d. */
    static String describe(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        if (seconds < 172_800) {
            return seconds / 3600 + "h";
        }
        return seconds / 86_400 + "d";
    }
}
