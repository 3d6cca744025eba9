package io.snaptastic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API over real HTTP on Tomcat, as a client sees it: every bad request answered with a problem,
 * including chunked bodies and errors raised outside controllers, and the actuator's port guarded too.
 */
// The context writes to its state dir until it closes (Tomcat's work directory), so it closes with the
// class, and the extension registered before Spring's removes the dir after that.
@ExtendWith({ApiOverHttpTests.RemoveStateDir.class, OutputCaptureExtension.class})
@SpringBootTest(classes = ApiOverHttpTests.Agent.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.server.port=0")
@DirtiesContext
class ApiOverHttpTests {

    static final Path STATE_DIR = createStateDir();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String token;

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("snaptastic.state-dir", STATE_DIR::toString);
    }

    static final class RemoveStateDir implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            FileSystemUtils.deleteRecursively(STATE_DIR.toFile());
        }
    }

    @BeforeEach
    void readTheTokenTheAgentMade() throws IOException {
        token = Files.readString(STATE_DIR.resolve("token")).strip();
    }

    static Stream<Arguments> badRequests() {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        return Stream.of(
                bad("malformed JSON", "POST", "/test/echo", "application/json", BodyPublishers.ofString("{\"name\":"),
                        true, 400, "malformed-request"),
                bad("deeply nested JSON", "POST", "/test/echo", "application/json",
                        BodyPublishers.ofString(BadRequestsTests.DEEP), true, 400, "malformed-request"),
                bad("unknown property", "POST", "/test/echo", "application/json",
                        BodyPublishers.ofString("{\"name\":\"a\",\"count\":1,\"x\":1}"), true, 400, "malformed-request"),
                bad("wrong content type", "POST", "/test/echo", "text/plain", BodyPublishers.ofString("hello"), true,
                        415, "unsupported-media-type"),
                bad("10 MB body", "POST", "/test/echo", "application/json", BodyPublishers.ofByteArray(tenMegabytes),
                        true, 413, "payload-too-large"),
                bad("10 MB chunked body", "POST", "/test/echo", "application/json",
                        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tenMegabytes)), true, 413,
                        "payload-too-large"),
                bad("missing token", "POST", "/test/echo", "application/json", BodyPublishers.ofString("{}"), false,
                        401, "unauthorized"),
                bad("unknown path", "GET", "/no/such/path", null, BodyPublishers.noBody(), true, 404, "not-found"),
                bad("unknown path without token", "GET", "/no/such/path", null, BodyPublishers.noBody(), false, 401,
                        "unauthorized"),
                bad("wrong method", "PUT", "/test/echo", "application/json", BodyPublishers.ofString("{}"), true, 405,
                        "method-not-allowed"),
                bad("unknown operation", "GET", "/operations/op-nope", null, BodyPublishers.noBody(), true, 404,
                        "not-found"),
                bad("unknown snapshotter", "GET", "/snapshotters/nope", null, BodyPublishers.noBody(), false, 404,
                        "unknown-snapshotter"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersABadRequestWithAProblem(String name, String method, String path, String contentType, BodyPublisher body,
            boolean withToken, int status, String slug) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).method(method, body).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (withToken) {
            request.header("Authorization", "Bearer " + token);
        }

        HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());

        assertProblem(response, status, slug);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedChunkedRequests")
    void aMalformedChunkedBodyIsABadRequestLoggedInOneLine(String method, String path, boolean withToken,
            CapturedOutput output) throws Exception {
        String raw = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (withToken ? "Authorization: Bearer " + token + "\r\n" : "")
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";

        int logBefore = output.getAll().length();

        String answer = RawHttp.exchange(port, raw);

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("Content-Type: application/problem+json");
        assertThat(answer).contains(WebTestSupport.type("malformed-request"));
        // At most one line, and no stack trace: a GET is refused for carrying a body before it is read.
        List<String> logged = output.getAll().substring(logBefore).lines().filter(line -> !line.isBlank()).toList();
        assertThat(logged).hasSizeLessThanOrEqualTo(1).noneMatch(line -> line.contains(" ERROR "));
    }

    static Stream<Arguments> malformedChunkedRequests() {
        return Stream.of(Arguments.of("GET", "/snapshotters", false), Arguments.of("POST", "/test/echo", true));
    }

    /** Tomcat refuses these before any filter or servlet sees them (an encoded slash, a dot-dot above the root). */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/mounts/solr%2Fetc", "/snapshots/..%2F..%2Fetc",
            "/../etc/passwd", "/mounts/%2e%2e/%2e%2e/%2e%2e/etc"})
    void aPathTomcatRefusesIsAProblemToo(String path) throws Exception {
        for (int onPort : new int[] {port, managementPort}) {
            String answer = RawHttp.exchange(onPort, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("Content-Type: application/problem+json");
            assertThat(answer).contains(WebTestSupport.type("malformed-request")).contains("encoded slash");
            assertThat(answer).doesNotContain("<html").doesNotContain("Tomcat").doesNotContain("etc");
        }
    }

    @Test
    void theActuatorPortRefusesABodyOnAReadAsAProblem() throws Exception {
        String raw = "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n";

        String answer = RawHttp.exchange(managementPort, raw);

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("Content-Type: application/problem+json");
        assertThat(answer).contains(WebTestSupport.type("malformed-request"));
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(management("/actuator/health")).build(),
                BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"*/*", "application/*", "*/json"})
    void aWildcardContentTypeIsUnsupported(String contentType) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api("/test/echo"))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(BodyPublishers.ofString("{\"name\":\"a\",\"count\":1}")).build(), BodyHandlers.ofString());

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void anExceptionOutsideAnyControllerIsAProblemToo() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api("/snapshotters"))
                .header(FailingTestFilter.HEADER, "yes").build(), BodyHandlers.ofString());

        assertProblem(response, 500, "internal");
        assertThat(response.body()).doesNotContain("secret").doesNotContain("Exception").doesNotContain("trace");
    }

    @Test
    void startsAnOperationAndFollowsItsLocation() throws Exception {
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(api("/test-operations/solr"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"devices\":[\"/dev/sdf\"]}")).build(), BodyHandlers.ofString());
        String location = accepted.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> finished = client.send(HttpRequest.newBuilder(api(location + "?wait=10"))
                .header("Authorization", "Bearer " + token).build(), BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isIn(200, 202);
        assertThat(location).startsWith("/operations/op-");
        assertThat(JSON.readTree(finished.body()).path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void readingStateNeedsNoToken() throws Exception {
        HttpResponse<String> snapshotters = client.send(HttpRequest.newBuilder(api("/snapshotters")).build(),
                BodyHandlers.ofString());
        HttpResponse<String> apiDocs = client.send(HttpRequest.newBuilder(api("/v3/api-docs")).build(),
                BodyHandlers.ofString());

        assertThat(snapshotters.statusCode()).isEqualTo(200);
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        JsonNode docs = JSON.readTree(apiDocs.body());
        assertThat(docs.path("info").path("title").asString()).isEqualTo("Snaptastic agent API");
        assertThat(docs.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(docs.path("paths").has("/snapshotters")).isTrue();
        assertThat(docs.path("paths").has("/error")).isFalse();
    }

    @Test
    void theActuatorPortOpensHealthAndGuardsTheRest() throws Exception {
        Map<String, Integer> withoutToken = Map.of("/actuator/health", 200, "/actuator/prometheus", 401,
                "/actuator/info", 401);
        for (Map.Entry<String, Integer> endpoint : withoutToken.entrySet()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(management(endpoint.getKey())).build(),
                    BodyHandlers.ofString());
            assertThat(response.statusCode()).as(endpoint.getKey()).isEqualTo(endpoint.getValue());
        }
        HttpResponse<String> prometheus = client.send(HttpRequest.newBuilder(management("/actuator/prometheus"))
                .header("Authorization", "Bearer " + token).build(), BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenFileIsTheOwnersAlone() throws Exception {
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(STATE_DIR.resolve("token")))).isEqualTo("rw-------");
    }

    private void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo(WebTestSupport.type(slug));
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    private static Arguments bad(String name, String method, String path, String contentType, BodyPublisher body,
            boolean withToken, int status, String slug) {
        return Arguments.of(name, method, path, contentType, body, withToken, status, slug);
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("snaptastic-state");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The web layer, operations and snapshotters, and the test-only controllers; nothing of EC2 or the host. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan(
            basePackages = {"io.snaptastic.web", "io.snaptastic.operation", "io.snaptastic.snapshotter", "io.snaptastic.config"},
            excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
    static class Agent {

        /** The snapshotter package resolves userdata through it; no instance metadata here. */
        @org.springframework.context.annotation.Bean
        io.snaptastic.instance.InstanceIdentity instanceIdentity() {
            return org.mockito.Mockito.mock(io.snaptastic.instance.InstanceIdentity.class);
        }

        /** What the snapshotters' hooks run on; config/ made it before host/ did. */
        @org.springframework.context.annotation.Bean
        io.snaptastic.host.HostExecutor hostExecutor() {
            return new io.snaptastic.host.ProcessHostExecutor();
        }
    }
}
