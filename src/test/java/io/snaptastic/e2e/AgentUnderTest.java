package io.snaptastic.e2e;

import io.snaptastic.SnaptasticApplication;
import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged agent in sandbox mode, started in this JVM on free ports with its state and mount
 * points under a temporary directory, and driven over real HTTP as a user's curl would. Closing it
 * unmounts and deletes what it mounted, stops it, and then releases any mount or loop device still
 * left under its directory, also when a test failed half-way.
 */
public final class AgentUnderTest implements AutoCloseable {

    public static final String TOKEN = "e2e-token-0123456789abcdef0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path root;
    private final ConfigurableApplicationContext context;
    private final URI api;

    private AgentUnderTest(Path root, ConfigurableApplicationContext context) {
        this.root = root;
        this.context = context;
        this.api = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /** An agent with the sandbox's solr snapshotter (1 GiB, mounted under the temp dir) and the given extra properties. */
    public static AgentUnderTest start(String... properties) throws IOException {
        Path root = Files.createTempDirectory("snaptastic-e2e").toRealPath();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "sandbox");
        settings.put("server.port", "0");
        settings.put("management.server.port", "0");
        settings.put("snaptastic.sandbox.port", "0");
        settings.put("snaptastic.sandbox.state-delay", "50ms");
        settings.put("snaptastic.sandbox.snapshot-delay", "200ms");
        // EC2 takes one snapshot of a volume about every 15 s; the sandbox keeps that rule at a short
        // window here, and the agent waits the same window, so a test may snapshot a volume again soon.
        settings.put("snaptastic.sandbox.snapshot-interval-per-volume", "1s");
        settings.put("snaptastic.snapshots.per-volume-interval", "1s");
        settings.put("snaptastic.state-dir", root.resolve("state").toString());
        settings.put("snaptastic.security.token", TOKEN);
        // A list set here replaces the profile's list whole, so the volume is given in full.
        settings.put("snaptastic.snapshotters.solr.volumes[0].device", "/dev/sdf");
        settings.put("snaptastic.snapshotters.solr.volumes[0].mount-point", root.resolve("mnt/solr").toString());
        settings.put("snaptastic.snapshotters.solr.volumes[0].size", "1");
        for (String property : properties) {
            int eq = property.indexOf('=');
            settings.put(property.substring(0, eq), property.substring(eq + 1).replace("${root}", root.toString()));
        }
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(SnaptasticApplication.class)
                    .run(args.toArray(String[]::new));
            return new AgentUnderTest(root, context);
        } catch (RuntimeException e) {
            release(root);
            throw e;
        }
    }

    public Path root() {
        return root;
    }

    public Path mountPoint(String name) {
        return root.resolve("mnt").resolve(name);
    }

    public URI ec2Endpoint() {
        return context.getBean(PlatformDefaults.class).ec2Endpoint().orElseThrow();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET());
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(api.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).DELETE());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether something is mounted at the path, read from the kernel's mount table. */
    public static boolean mounted(Path mountPoint) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(line -> line.split(" ")[4])
                .anyMatch(point -> point.equals(mountPoint.toString()));
    }

    @Override
    public void close() {
        try {
            for (String snapshotter : context.getEnvironment().getProperty("e2e.cleanup-snapshotters", "solr").split(",")) {
                delete("/mounts/" + snapshotter + "?deleteVolumes=true&wait=120");
            }
        } catch (RuntimeException e) {
            // The safety net below still releases everything.
        } finally {
            context.close();
            release(root);
        }
    }

    /** Unmounts whatever is mounted under the root, detaches loop devices of its images, deletes it. */
    static void release(Path root) {
        ProcessHostExecutor host = new ProcessHostExecutor();
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .filter(point -> point.startsWith(root.toString()))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            for (String point : mounts) {
                host.execute(Command.of("fsfreeze", "-u", point).withTimeout(Duration.ofSeconds(10)));
                host.execute(Command.of("umount", "-l", point).withTimeout(Duration.ofSeconds(30)));
            }
            Path images = root.resolve("state/sandbox");
            if (Files.isDirectory(images)) {
                try (Stream<Path> files = Files.walk(images)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String loops = host.execute(Command.of("losetup", "-j", file.toString())
                                .withTimeout(Duration.ofSeconds(10))).stdout();
                        for (String line : loops.split("\n")) {
                            if (line.startsWith("/dev/loop")) {
                                host.execute(Command.of("losetup", "--detach", line.substring(0, line.indexOf(':')))
                                        .withTimeout(Duration.ofSeconds(10)));
                            }
                        }
                    }
                }
            }
            org.springframework.util.FileSystemUtils.deleteRecursively(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One HTTP answer, with its body as JSON. */
    public record Answer(int status, String contentType, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
