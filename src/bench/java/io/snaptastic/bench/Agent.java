package io.snaptastic.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged agent under measurement, started as its own process in sandbox mode on free ports, its
 * state, sandbox disks and mount points under a temporary root, driven over HTTP.
 */
final class Agent implements AutoCloseable {

    static final String TOKEN = "bench-token-0123456789abcdef0123456789";
    static final String INSTANCE_ID = "i-0sandbox000000001";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Path root;
    final URI api;
    final URI management;
    final int sandboxPort;
    final JavaProcess process;

    private Agent(Path root, URI api, URI management, int sandboxPort, JavaProcess process) {
        this.root = root;
        this.api = api;
        this.management = management;
        this.sandboxPort = sandboxPort;
        this.process = process;
    }

    /** Ports picked here, so a proxy can stand in front of the sandbox before the agent starts. */
    record Ports(int api, int management, int sandbox) {
        static Ports free() {
            return new Ports(freePort(), freePort(), freePort());
        }
    }

    /**
     * An agent configured as on an instance: no sandbox, so nothing emulates EC2 or IMDS in its process.
     * Nothing at start-up asks either, so it gets ready without them; only start-up is measured so.
     */
    static List<String> instanceArguments(Path root, Ports ports) {
        return List.of(
                "--server.port=" + ports.api(),
                "--management.server.port=" + ports.management(),
                "--management.endpoint.health.probes.enabled=true",
                "--snaptastic.state-dir=" + root.resolve("state"),
                "--snaptastic.security.token=" + TOKEN,
                "--snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf",
                "--snaptastic.snapshotters.solr.volumes[0].mount-point=" + root.resolve("mnt/solr"),
                "--snaptastic.snapshotters.solr.volumes[0].size=1",
                "--logging.level.root=WARN");
    }

    /** The arguments every agent run shares: sandbox profile, ports, state under root, the profile's snapshotter moved under root. */
    static List<String> baseArguments(Path root, Ports ports) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=sandbox",
                "--server.port=" + ports.api(),
                "--management.server.port=" + ports.management(),
                "--management.endpoint.health.probes.enabled=true",
                "--snaptastic.sandbox.port=" + ports.sandbox(),
                "--snaptastic.state-dir=" + root.resolve("state"),
                "--snaptastic.security.token=" + TOKEN,
                "--snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf",
                "--snaptastic.snapshotters.solr.volumes[0].mount-point=" + root.resolve("mnt/solr"),
                "--snaptastic.snapshotters.solr.volumes[0].size=1",
                "--logging.level.root=WARN"));
        return args;
    }

    static Agent start(List<String> javaCommand, Path root, Ports ports, List<String> extraArguments, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(baseArguments(root, ports));
        command.addAll(extraArguments);
        Bench.onExit(() -> HostCleanup.release(root));
        JavaProcess process = JavaProcess.start(command, log);
        Agent agent = new Agent(root, URI.create("http://127.0.0.1:" + ports.api()),
                URI.create("http://127.0.0.1:" + ports.management()), ports.sandbox(), process);
        agent.readyMillis = process.awaitReady(agent.readiness(), Duration.ofSeconds(120));
        return agent;
    }

    long readyMillis;

    URI readiness() {
        return management.resolve("/actuator/health/readiness");
    }

    static URI readiness(int managementPort) {
        return URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
    }

    JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).DELETE());
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails loudly when an operation did not succeed on every volume: a figure from a failed run is no figure. */
    static JsonNode succeeded(JsonNode operation) {
        if (!"succeeded".equals(operation.get("status").asText())) {
            throw new IllegalStateException("operation did not succeed: " + operation);
        }
        return operation;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
        HostCleanup.release(root);
    }
}
