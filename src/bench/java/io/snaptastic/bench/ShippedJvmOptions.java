package io.snaptastic.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The JVM options of a systemd unit's {@code ExecStart=JAVA OPTIONS... -jar JAR}. */
final class ShippedJvmOptions {

    private ShippedJvmOptions() {}

    static List<String> of(Path unit) {
        try {
            String execStart = Files.readAllLines(unit).stream()
                    .filter(line -> line.startsWith("ExecStart="))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(unit + " has no ExecStart"));
            List<String> argv = Arrays.asList(execStart.substring("ExecStart=".length()).trim().split("\\s+"));
            int jar = argv.indexOf("-jar");
            if (jar < 1) {
                throw new IllegalStateException(unit + ": ExecStart does not start a jar: " + execStart);
            }
            return List.copyOf(argv.subList(1, jar));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + unit, e);
        }
    }
}
