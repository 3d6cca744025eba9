package io.snaptastic.bench;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Figure 4: process start to readiness UP, and resident memory then, for the agent's jar on Java 17,
 * on Java 25 without and with an AOT cache (trained with a run that exits after refresh), and for a
 * bare Spring Boot web app as the reference. The ways are interleaved round by round, so a slow moment
 * of the machine does not land on one of them only.
 */
final class StartupBench {

    private final BenchSettings settings;
    private final Path extracted;
    private final Path aotCache;

    StartupBench(BenchSettings settings) {
        this.settings = settings;
        this.extracted = settings.out().resolve("extracted");
        this.aotCache = settings.out().resolve("app.aot");
    }

    void run(Results results) throws Exception {
        prepareJava25();
        Map<String, Function<Agent.Ports, List<String>>> ways = new LinkedHashMap<>();
        Path extractedJar = extracted.resolve("snaptastic.jar");
        ways.put("agent jar, Java 17", p -> List.of(settings.java17(), "-jar", settings.jar().toString()));
        ways.put("agent jar, Java 25 (extracted, no AOT cache)", p -> List.of(settings.java25(), "-jar", extractedJar.toString()));
        ways.put("agent jar, Java 25 + AOT cache", p -> List.of(settings.java25(), "-XX:AOTCache=" + aotCache, "-jar",
                extractedJar.toString()));
        String bare = "bare Spring Boot web app, Java 17";
        Map<String, Results.StartupRow> rows = new LinkedHashMap<>();
        ways.keySet().forEach(name -> rows.put(name, new Results.StartupRow(name)));
        rows.put(bare, new Results.StartupRow(bare));
        for (int round = 0; round < settings.repeat(); round++) {
            for (var way : ways.entrySet()) {
                measureAgent(way.getKey(), way.getValue(), rows.get(way.getKey()));
            }
            measureBare(rows.get(bare));
        }
        results.startup.addAll(rows.values());
    }

    private void measureAgent(String name, Function<Agent.Ports, List<String>> java, Results.StartupRow row) throws Exception {
        Path root = Files.createTempDirectory("snaptastic-bench-start").toRealPath();
        Agent.Ports ports = Agent.Ports.free();
        List<String> command = new ArrayList<>(java.apply(ports));
        command.addAll(Agent.baseArguments(root, ports));
        Bench.log("start-up: %s", name);
        try (JavaProcess process = JavaProcess.start(command, settings.out().resolve("startup.log"))) {
            row.readyMillis().add(process.awaitReady(Agent.readiness(ports.management()), Duration.ofMinutes(2)));
            row.rssMib().add(process.rssMib());
        } finally {
            HostCleanup.release(root);
        }
    }

    private void measureBare(Results.StartupRow row) throws Exception {
        int port = Agent.freePort();
        List<String> command = List.of(settings.java17(), "-cp", bareClasspath(), "io.snaptastic.bench.bare.BareWebApplication",
                "--server.port=" + port, "--server.address=127.0.0.1", "--management.endpoint.health.probes.enabled=true",
                "--logging.level.root=WARN");
        Bench.log("start-up: %s", row.name());
        try (JavaProcess process = JavaProcess.start(command, settings.out().resolve("startup-bare.log"))) {
            row.readyMillis().add(process.awaitReady(Agent.readiness(port), Duration.ofMinutes(2)));
            row.rssMib().add(process.rssMib());
        }
    }

    /** Spring Boot, Spring MVC, Tomcat, Actuator, Jackson and logging from the bench's classpath, and the app. */
    private String bareClasspath() {
        List<String> keep = List.of("/org/springframework/", "/com/fasterxml/", "/tools/jackson/", "/org/apache/tomcat/",
                "/io/micrometer/", "/org/slf4j/", "/ch/qos/logback/", "/org/apache/logging/log4j/", "/org/yaml/",
                "/org/hdrhistogram/", "/org/latencyutils/", "/jakarta/annotation/", "/org/jspecify/", "/commons-logging/", "/test-classes");
        return String.join(":", settings.bareClasspath().stream()
                .filter(entry -> keep.stream().anyMatch(entry::contains))
                .filter(entry -> !entry.contains("-test") && !entry.contains("prometheus"))
                .toList());
    }

    /** The AOT cache needs plain jars on a fixed classpath: the jar is extracted, then one training run records it. */
    private void prepareJava25() throws Exception {
        Path extractedJar = extracted.resolve("snaptastic.jar");
        long built = Files.getLastModifiedTime(settings.jar()).toMillis();
        if (!Files.exists(extractedJar) || Files.getLastModifiedTime(extractedJar).toMillis() < built) {
            Bench.log("extracting the jar for Java 25");
            ProcessHostExecutor host = new ProcessHostExecutor();
            host.run(Command.of("rm", "-rf", "--", extracted.toString()).withTimeout(Duration.ofSeconds(60)));
            host.run(Command.of(settings.java17(), "-Djarmode=tools", "-jar", settings.jar().toString(), "extract",
                    "--destination", extracted.toString()).withTimeout(Duration.ofMinutes(2)));
        }
        if (!Files.exists(aotCache) || Files.getLastModifiedTime(aotCache).toMillis() < Files.getLastModifiedTime(extractedJar).toMillis()) {
            Bench.log("training the AOT cache (Java 25, context exits after refresh)");
            Files.deleteIfExists(aotCache);
            Path root = Files.createTempDirectory("snaptastic-bench-aot").toRealPath();
            Agent.Ports ports = Agent.Ports.free();
            List<String> command = new ArrayList<>(List.of(settings.java25(), "-XX:AOTCacheOutput=" + aotCache,
                    "-Dspring.context.exit=onRefresh", "-jar", extractedJar.toString()));
            command.addAll(Agent.baseArguments(root, ports));
            try (JavaProcess training = JavaProcess.start(command, settings.out().resolve("aot-training.log"))) {
                int exit = training.awaitExit(Duration.ofMinutes(5));
                if (exit != 0 || !Files.exists(aotCache)) {
                    throw new IllegalStateException("AOT training failed (exit " + exit + "); see bench/out/aot-training.log");
                }
            } finally {
                HostCleanup.release(root);
            }
        }
    }
}
