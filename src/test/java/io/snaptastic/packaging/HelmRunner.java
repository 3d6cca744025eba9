package io.snaptastic.packaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lints and renders the chart with helm-java in a JVM of its own ({@link HelmChartProcess}), started
 * on first use (the first request waits for its start too) and ended after the test class. Not in
 * the test JVM: once the Helm library's Go runtime is loaded there, the JVM no longer answers attach
 * requests (jcmd gets no reply), and Mockito's inline mock maker, which attaches to its own JVM,
 * fails in every later test.
 */
final class HelmRunner implements AfterAllCallback {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PER_REQUEST = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(10);

    private Process process;
    private Writer requests;
    private BufferedReader answers;
    private Path log;

    /** The chart's manifests as one YAML stream. */
    String template(Path chart, String release, ChartValues values) {
        List<String> request = new ArrayList<>(List.of("template", chart.toString(), release));
        request.addAll(values.options());
        return call(request);
    }

    /** The lint messages of a strict lint; throws when the lint fails. */
    String lint(Path chart) {
        return call(List.of("lint", chart.toString()));
    }

    private synchronized String call(List<String> request) {
        start();
        try {
            requests.write(JSON.writeValueAsString(request) + "\n");
            requests.flush();
            String line = CompletableFuture.supplyAsync(this::readAnswer).get(PER_REQUEST.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("the helm process ended: " + Files.readString(log));
            }
            Map<String, Object> answer = JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
            if (!Boolean.TRUE.equals(answer.get("ok"))) {
                throw new IllegalStateException((String) answer.get("output"));
            }
            return (String) answer.get("output");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException | ExecutionException e) {
            afterAll(null);
            throw new IllegalStateException("no answer from the helm process within " + PER_REQUEST, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String readAnswer() {
        try {
            return answers.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start() {
        if (process != null) {
            return;
        }
        try {
            log = Files.createTempFile("helm-process", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HelmChartProcess.class.getName())
                    .redirectError(log.toFile())
                    .start();
            requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the helm process", e);
        }
    }

    /** Ends the helm process: closing its stdin ends it; it is killed if it does not end in time. */
    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (process == null) {
            return;
        }
        try {
            requests.close();
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // A leftover log file in the temp directory is harmless.
            }
        }
    }
}
