package io.snaptastic.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One external command run to completion within a timeout, its output kept in files so neither pipe fills. */
record Command(List<String> argv, int exitCode, String output) {

    static Command run(List<String> argv, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
        return run(argv, workDir, Map.of(), timeoutSeconds);
    }

    static Command run(List<String> argv, Path workDir, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "command", ".out");
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", argv) + " did not finish in " + timeoutSeconds + " s:\n" + read(out));
            }
            return new Command(argv, process.exitValue(), read(out));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    Command requireSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + exitCode + ":\n" + output);
        }
        return this;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
