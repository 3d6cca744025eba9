package io.snaptastic.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent in sandbox mode in a process of its own, so a test can kill it with SIGKILL and start it
 * again on the same state dir (the sandbox keeps its EC2 world there too). It runs from this JVM's
 * class path (target/classes and the dependencies), so it needs no packaged jar: the jar is only built
 * in the package phase, after the tests. Its output goes to {@code agent-N.log} under the root. As a
 * test's {@code @RegisterExtension}, it is killed and its loop devices, mounts and root released after
 * each test, also a failed one.
 */
final class AgentProcess implements AfterEachCallback {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path root;
    private final int apiPort = freePort();
    private final int managementPort = freePort();
    private final int sandboxPort = freePort();
    private final List<String> jvmArguments = new ArrayList<>();
    private Process process;
    private int starts;

    AgentProcess(Path root) {
        this.root = root;
    }

    /** An agent (not yet started) in a new temporary directory named after {@code prefix}. */
    static AgentProcess inTempDirectory(String prefix) {
        try {
            return new AgentProcess(Files.createTempDirectory(prefix).toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        kill();
        AgentUnderTest.release(root);
    }

    Path root() {
        return root;
    }

    Path stateDir() {
        return root.resolve("state");
    }

    Path mountPoint() {
        return root.resolve("mnt/solr");
    }

    /** The agent's {@code java.io.tmpdir}, its own so a test can see what it leaves there. */
    Path tempDir() {
        return root.resolve("tmp");
    }

    URI ec2Endpoint() {
        return URI.create("http://127.0.0.1:" + sandboxPort);
    }

    /** JVM options for every later start, e.g. {@code -Dspring.aot.enabled=true}. */
    AgentProcess withJvmArguments(String... arguments) {
        jvmArguments.addAll(List.of(arguments));
        return this;
    }

    /** Starts the agent with the given extra properties and waits until it answers. */
    void start(String... properties) throws IOException {
        start(true, properties);
    }

    /**
     * Starts the agent as on an instance, without the sandbox profile: the properties say where EC2 and
     * IMDS are. Credentials come from the environment, as the SDK's default chain reads them.
     */
    void startWithoutSandbox(String... properties) throws IOException {
        start(false, properties);
    }

    /**
     * Starts the agent as on an instance with the instance's own credentials (its role, through the SDK's
     * default chain): for the opt-in suite on real EC2 (src/realaws).
     */
    void startOnInstance(String... properties) throws IOException {
        instanceCredentials = true;
        start(false, properties);
    }

    private boolean instanceCredentials;

    private void start(boolean sandbox, String... properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(tempDir()));
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.snaptastic.SnaptasticApplication");
        if (sandbox) {
            command.add("--spring.profiles.active=sandbox");
            command.add("--snaptastic.sandbox.port=" + sandboxPort);
            command.add("--snaptastic.sandbox.state-delay=50ms");
            command.add("--snaptastic.sandbox.snapshot-delay=200ms");
            // EC2's per-volume snapshot window, short: the agent waits the same window before it asks again.
            command.add("--snaptastic.sandbox.snapshot-interval-per-volume=1s");
            command.add("--snaptastic.snapshots.per-volume-interval=1s");
        }
        command.add("--server.port=" + apiPort);
        command.add("--management.server.port=" + managementPort);
        command.add("--snaptastic.state-dir=" + stateDir());
        command.add("--snaptastic.security.token=" + AgentUnderTest.TOKEN);
        command.add("--snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf");
        // A test may move the solr volume's mount point; one value each, as Spring joins repeated arguments.
        String solrMountPoint = "snaptastic.snapshotters.solr.volumes[0].mount-point=";
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith(solrMountPoint))) {
            command.add("--" + solrMountPoint + mountPoint());
        }
        command.add("--snaptastic.snapshotters.solr.volumes[0].size=1");
        for (String property : properties) {
            command.add("--" + property);
        }
        Path log = root.resolve("agent-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (!sandbox && !instanceCredentials) {
            builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDSNAPTASTICTEST");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "not-a-secret");
        }
        process = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + "; see " + log);
            }
            return status("/actuator/health/liveness", managementPort) == 200;
        });
    }

    /** SIGKILL: no shutdown hook, no thaw, no journal write. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** SIGTERM, as systemd or Kubernetes stop the agent; returns the exit code once it has exited. */
    int stop(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the agent did not stop within " + within);
        }
        return process.exitValue();
    }

    /** How many filesystems the agent's freeze records say are frozen. */
    long frozenRecords() throws IOException {
        Path dir = stateDir().resolve("frozen");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".frozen")).count();
        }
    }

    String log() throws IOException {
        return Files.readString(logFile());
    }

    /** The log file of the latest start. */
    Path logFile() {
        return root.resolve("agent-" + starts + ".log");
    }

    JsonNode post(String path, String json) {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))).body());
    }

    JsonNode delete(String path) {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).DELETE()).body());
    }

    /** The operation once it no longer runs: an interrupted one is reconciled in the background after a start. */
    JsonNode reconciled(String operationId) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/operations/" + operationId), operation -> !"running".equals(operation.get("status").asText()));
    }

    JsonNode get(String path) {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).GET()).body());
    }

    /** The ids of the volumes that match the EC2 filters, asked of the sandbox's EC2 endpoint directly. */
    List<String> volumeIds(String... filterNamesAndValues) {
        StringBuilder form = new StringBuilder("Action=DescribeVolumes&Version=2016-11-15");
        for (int i = 0; i < filterNamesAndValues.length; i += 2) {
            int n = i / 2 + 1;
            form.append("&Filter.").append(n).append(".Name=").append(encode(filterNamesAndValues[i]))
                    .append("&Filter.").append(n).append(".Value.1=").append(encode(filterNamesAndValues[i + 1]));
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(ec2Endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/ec2/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("DescribeVolumes answered " + response.statusCode() + ": " + response.body());
        }
        return java.util.regex.Pattern.compile("<volumeId>(vol-[0-9a-f]+)</volumeId>").matcher(response.body()).results()
                .map(m -> m.group(1)).distinct().toList();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The agent's actuator, on its management port. */
    Actuator actuator() {
        return new Actuator(URI.create("http://127.0.0.1:" + managementPort));
    }

    /** The status code of a management path, e.g. the readiness group; -1 when nothing answers. */
    int managementStatus(String path) {
        return status(path, managementPort);
    }

    private int status(String path, int port) {
        try {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()).statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + AgentUnderTest.TOKEN)
                    .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
