package io.snaptastic.bench;

import io.snaptastic.bench.Results.StartupRow.Role;
import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import io.snaptastic.packaging.SystemdUnit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Figure 4: process start to readiness UP, and resident memory then, for the agent's jar on Java 17,
 * on Java 25 without and with an AOT cache, the way the image and the systemd unit run it (AOT cache,
 * Spring's build-time processed context, C1 only, Serial GC, native reflection) in sandbox mode and
 * configured as on an instance, and a bare Spring Boot web app as the reference, on Java 17 and run
 * like the image. Each AOT cache is trained by a run with the same JVM options that gets ready and is
 * stopped with SIGTERM, as the Dockerfile does. The ways are interleaved round by round, so a slow
 * moment of the machine does not land on one of them only.
 */
final class StartupBench {

    /**
     * The JVM options the systemd unit gives the agent, read from its ExecStart, so the bench measures
     * what ships; DockerfileTests holds the image's ENTRYPOINT to the same list.
     */
    static final List<String> AS_SHIPPED = SystemdUnit.agentJvmOptions();
    /** The same, less Spring's AOT mode, which needs a build-time processed application. */
    static final List<String> BARE_AS_SHIPPED =
            AS_SHIPPED.stream().filter(option -> !option.equals("-Dspring.aot.enabled=true")).toList();

    private final BenchSettings settings;
    private final Path extracted;

    StartupBench(BenchSettings settings) {
        this.settings = settings;
        this.extracted = settings.out().resolve("extracted");
    }

    /** What runs: the agent in sandbox mode, the agent configured as on an instance, or the bare app. */
    private enum Mode { SANDBOX, INSTANCE, BARE }

    /** One way to start a JVM: its command line before the application's arguments. */
    private record Way(String name, Results.StartupRow.Role role, Mode mode, List<String> java) {}

    void run(Results results) throws Exception {
        extractJar();
        String jar = extracted.resolve("snaptastic.jar").toString();
        Path bareJar = bareJar();
        List<String> agentTraining = List.of("-jar", jar);
        List<String> bareTraining = bareCommand(bareJar);
        List<Way> ways = List.of(
                new Way("agent jar, Java 17", Role.AGENT, Mode.SANDBOX, List.of(settings.java17(), "-jar", settings.jar().toString())),
                new Way("agent jar, Java 25 (extracted, no AOT cache)", Role.AGENT, Mode.SANDBOX, List.of(settings.java25(), "-jar", jar)),
                new Way("agent jar, Java 25 + AOT cache", Role.AGENT, Mode.SANDBOX,
                        withCache("app.aot", List.of(), agentTraining, Mode.SANDBOX)),
                new Way("agent jar, Java 25 + AOT cache + Spring AOT, C1, Serial GC, native reflection (as the image and the unit run it)",
                        Role.TARGET, Mode.SANDBOX, withCache("app-shipped.aot", AS_SHIPPED, agentTraining, Mode.SANDBOX)),
                new Way("the same, configured as on an instance (no sandbox in the process)", Role.AGENT, Mode.INSTANCE,
                        withCache("app-instance.aot", AS_SHIPPED, agentTraining, Mode.INSTANCE)),
                new Way("bare Spring Boot web app, Java 17", Role.REFERENCE, Mode.BARE, concat(List.of(settings.java17()), bareTraining)),
                new Way("bare Spring Boot web app, Java 25 + AOT cache, C1, Serial GC, native reflection", Role.REFERENCE, Mode.BARE,
                        withCache("bare.aot", BARE_AS_SHIPPED, bareTraining, Mode.BARE)));
        Map<String, Results.StartupRow> rows = new LinkedHashMap<>();
        ways.forEach(way -> rows.put(way.name(), new Results.StartupRow(way.name(), way.role())));
        for (int round = 0; round < settings.startupRepeat(); round++) {
            for (Way way : ways) {
                if (way.mode() == Mode.BARE) {
                    measureBare(way, rows.get(way.name()));
                } else {
                    measureAgent(way, rows.get(way.name()));
                }
            }
        }
        results.startup.addAll(rows.values());
    }

    private void measureAgent(Way way, Results.StartupRow row) throws Exception {
        Path root = Files.createTempDirectory("snaptastic-bench-start").toRealPath();
        Agent.Ports ports = Agent.Ports.free();
        List<String> command = new ArrayList<>(way.java());
        command.addAll(agentArguments(way.mode(), root, ports));
        Bench.log("start-up: %s", way.name());
        try (JavaProcess process = JavaProcess.start(command, settings.out().resolve("startup.log"))) {
            row.readyMillis().add(process.awaitReady(Agent.readiness(ports.management()), Duration.ofMinutes(2)));
            row.rssMib().add(process.rssMib());
        } finally {
            HostCleanup.release(root);
        }
    }

    private void measureBare(Way way, Results.StartupRow row) throws Exception {
        Path root = Files.createTempDirectory("snaptastic-bench-bare").toRealPath();
        int port = Agent.freePort();
        List<String> command = new ArrayList<>(way.java());
        command.addAll(bareArguments(port, root));
        Bench.log("start-up: %s", way.name());
        try (JavaProcess process = JavaProcess.start(command, settings.out().resolve("startup-bare.log"))) {
            row.readyMillis().add(process.awaitReady(Agent.readiness(port), Duration.ofMinutes(2)));
            row.rssMib().add(process.rssMib());
        } finally {
            HostCleanup.release(root);
        }
    }

    private static List<String> agentArguments(Mode mode, Path root, Agent.Ports ports) {
        return mode == Mode.INSTANCE ? Agent.instanceArguments(root, ports) : Agent.baseArguments(root, ports);
    }

    /** Tomcat's work directory under root, which is removed after the run: by default a new one in /tmp each start. */
    private static List<String> bareArguments(int port, Path root) {
        return List.of("--server.port=" + port, "--server.address=127.0.0.1", "--management.endpoint.health.probes.enabled=true",
                "--server.tomcat.basedir=" + root.resolve("tomcat"), "--logging.level.root=WARN");
    }

    private List<String> bareCommand(Path bareJar) {
        return List.of("-cp", bareClasspath(bareJar), "io.snaptastic.bench.bare.BareWebApplication");
    }

    /**
     * Java 25 with {@code options} and an AOT cache trained by one run with the same options (the JVM
     * drops a cache made with others) that gets ready, answers a readiness probe and is stopped with
     * SIGTERM, as the Dockerfile trains the image's: the web servers and the request path are then in
     * the cache too, not only what refreshing the context loads.
     */
    private List<String> withCache(String file, List<String> options, List<String> application, Mode mode) throws Exception {
        Path cache = settings.out().resolve(file);
        Path newestInput = mode == Mode.BARE ? bareJar() : extracted.resolve("snaptastic.jar");
        if (!Files.exists(cache) || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(newestInput)) < 0) {
            Bench.log("training the AOT cache %s (Java 25, a run to ready, stopped by SIGTERM)", file);
            Files.deleteIfExists(cache);
            Path root = Files.createTempDirectory("snaptastic-bench-aot").toRealPath();
            List<String> command = new ArrayList<>(List.of(settings.java25()));
            command.addAll(options);
            command.add("-XX:AOTCacheOutput=" + cache);
            command.addAll(application);
            URI readiness;
            if (mode == Mode.BARE) {
                int port = Agent.freePort();
                command.addAll(bareArguments(port, root));
                readiness = Agent.readiness(port);
            } else {
                Agent.Ports ports = Agent.Ports.free();
                command.addAll(agentArguments(mode, root, ports));
                readiness = Agent.readiness(ports.management());
            }
            Path log = settings.out().resolve("aot-training.log");
            try (JavaProcess training = JavaProcess.start(command, log)) {
                training.awaitReady(readiness, Duration.ofMinutes(2));
                int exit = training.stop(Duration.ofMinutes(2));
                if (!Files.exists(cache) || Files.size(cache) == 0) {
                    throw new IllegalStateException("AOT training wrote no cache (exit " + exit + "); see " + log);
                }
            } finally {
                HostCleanup.release(root);
            }
        }
        return concat(concat(List.of(settings.java25()), options), concat(List.of("-XX:AOTCache=" + cache), application));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Spring Boot, Spring MVC, Tomcat, Actuator, Jackson and logging from the bench's classpath, and the app's jar. */
    private String bareClasspath(Path bareJar) {
        List<String> keep = List.of("/org/springframework/", "/com/fasterxml/", "/tools/jackson/", "/org/apache/tomcat/",
                "/io/micrometer/", "/org/slf4j/", "/ch/qos/logback/", "/org/apache/logging/log4j/", "/org/yaml/",
                "/org/hdrhistogram/", "/org/latencyutils/", "/jakarta/annotation/", "/org/jspecify/", "/commons-logging/");
        List<String> entries = new ArrayList<>(settings.bareClasspath().stream()
                .filter(entry -> keep.stream().anyMatch(entry::contains))
                .filter(entry -> !entry.contains("-test") && !entry.contains("prometheus"))
                .toList());
        entries.add(bareJar.toString());
        return String.join(":", entries);
    }

    /**
     * The bare app's classes as a jar of their own: an AOT cache covers classes from jars only, and a
     * JVM refuses to make one with a non-empty directory on the class path.
     */
    private Path bareJar() throws IOException {
        Path jar = settings.out().resolve("bare-app.jar");
        Path classes = Path.of("target/test-classes");
        Path dir = classes.resolve("io/snaptastic/bench/bare");
        Path app = dir.resolve("BareWebApplication.class");
        if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(app)) >= 0) {
            return jar;
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The AOT cache needs plain jars on a fixed classpath: the executable jar is extracted once per build. */
    private void extractJar() throws Exception {
        Path extractedJar = extracted.resolve("snaptastic.jar");
        long built = Files.getLastModifiedTime(settings.jar()).toMillis();
        if (!Files.exists(extractedJar) || Files.getLastModifiedTime(extractedJar).toMillis() < built) {
            Bench.log("extracting the jar for Java 25");
            ProcessHostExecutor host = new ProcessHostExecutor();
            host.run(Command.of("rm", "-rf", "--", extracted.toString()).withTimeout(Duration.ofSeconds(60)));
            host.run(Command.of(settings.java17(), "-Djarmode=tools", "-jar", settings.jar().toString(), "extract",
                    "--destination", extracted.toString()).withTimeout(Duration.ofMinutes(2)));
        }
    }
}
