package io.snaptastic.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The identity against a fake IMDSv2 on loopback that, like the real one, refuses calls without a token. */
class ImdsInstanceIdentityTests {

    private static final String TOKEN = "token-of-the-session";

    private HttpServer imds;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private ImdsInstanceIdentity identity;

    @BeforeEach
    void startImds() throws IOException {
        imds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        imds.createContext("/", this::serve);
        imds.start();
        documents.put(ImdsInstanceIdentity.INSTANCE_ID, "i-0123456789abcdef0");
        documents.put(ImdsInstanceIdentity.AVAILABILITY_ZONE, "eu-west-1b");
        documents.put(ImdsInstanceIdentity.REGION, "eu-west-1");
        identity = new ImdsInstanceIdentity(() -> InstanceConfiguration.metadataClient(
                URI.create("http://127.0.0.1:" + imds.getAddress().getPort())));
    }

    @AfterEach
    void stopImds() {
        identity.close();
        imds.stop(0);
    }

    @Test
    void readsTheIdentityOnceWithOneSessionToken() {
        assertThat(identity.instanceId()).isEqualTo("i-0123456789abcdef0");
        assertThat(identity.availabilityZone()).isEqualTo("eu-west-1b");
        assertThat(identity.region()).isEqualTo("eu-west-1");
        assertThat(identity.instanceId()).isEqualTo("i-0123456789abcdef0");
        assertThat(identity.region()).isEqualTo("eu-west-1");

        assertThat(requests).containsExactly(
                "PUT /latest/api/token",
                "GET " + ImdsInstanceIdentity.INSTANCE_ID,
                "GET " + ImdsInstanceIdentity.AVAILABILITY_ZONE,
                "GET " + ImdsInstanceIdentity.REGION);
    }

    @Test
    void takesTheRegionFromTheZoneWhereImdsHasNoRegionDocument() {
        documents.remove(ImdsInstanceIdentity.REGION);

        assertThat(identity.region()).isEqualTo("eu-west-1");
        assertThat(identity.region()).isEqualTo("eu-west-1");
        assertThat(requests).filteredOn(r -> r.startsWith("GET")).containsExactly(
                "GET " + ImdsInstanceIdentity.REGION, "GET " + ImdsInstanceIdentity.AVAILABILITY_ZONE);
    }

    @Test
    void namesTheMissingDocument() {
        documents.remove(ImdsInstanceIdentity.INSTANCE_ID);

        assertThatThrownBy(identity::instanceId)
                .isInstanceOf(InstanceMetadataException.class)
                .hasMessageContaining(ImdsInstanceIdentity.INSTANCE_ID);
    }

    @Test
    void readsUserdataOnceAndKeepsIt() {
        documents.put(ImdsInstanceIdentity.USERDATA, "{\"role\": \"solr\"}");
        assertThat(identity.userdata()).isEqualTo(Map.of("role", "solr"));

        // Only a stopped instance can have its userdata changed: the agent does not see that happen.
        documents.put(ImdsInstanceIdentity.USERDATA, "{\"role\": \"postgres\"}");
        assertThat(identity.userdata()).isEqualTo(Map.of("role", "solr"));
        assertThat(requests).filteredOn(r -> r.equals("GET " + ImdsInstanceIdentity.USERDATA)).hasSize(1);
        assertThatThrownBy(() -> identity.userdata().put("role", "changed by a caller"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void asksForUserdataAgainAfterItWasInvalid() {
        documents.put(ImdsInstanceIdentity.USERDATA, "{\"role\": ");
        assertThatThrownBy(identity::userdata).isInstanceOf(InvalidUserdataException.class);

        documents.put(ImdsInstanceIdentity.USERDATA, "{\"role\": \"solr\"}");
        assertThat(identity.userdata()).isEqualTo(Map.of("role", "solr"));
    }

    @Test
    void readsNoUserdataAsAnEmptyMap() {
        assertThat(identity.userdata()).isEmpty();
    }

    @Test
    void refusesUserdataThatIsNotAJsonObject() {
        documents.put(ImdsInstanceIdentity.USERDATA, "[\"solr\"]");

        assertThatThrownBy(identity::userdata).isInstanceOf(InvalidUserdataException.class);
    }

    @Test
    void failsWithinItsTimeoutsWhereNoMetadataServiceAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        try (ImdsInstanceIdentity nowhere = new ImdsInstanceIdentity(
                () -> InstanceConfiguration.metadataClient(URI.create("http://127.0.0.1:" + closedPort)))) {
            assertThatThrownBy(nowhere::instanceId)
                    .isInstanceOf(InstanceMetadataException.class)
                    .hasMessageContaining(ImdsInstanceIdentity.INSTANCE_ID);
            assertThatThrownBy(nowhere::userdata).isInstanceOf(InstanceMetadataException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void buildsItsClientOnTheFirstCallAndAgainAfterABuildFailed() {
        AtomicInteger builds = new AtomicInteger();
        URI endpoint = URI.create("http://127.0.0.1:" + imds.getAddress().getPort());
        try (ImdsInstanceIdentity lazy = new ImdsInstanceIdentity(() -> {
            if (builds.incrementAndGet() == 1) {
                throw new IllegalStateException("no region");
            }
            return InstanceConfiguration.metadataClient(endpoint);
        })) {
            assertThat(builds).as("nothing is built before a call").hasValue(0);

            assertThatThrownBy(lazy::instanceId)
                    .isInstanceOf(InstanceMetadataException.class)
                    .hasMessageContaining("could not be built: no region");
            assertThat(lazy.instanceId()).isEqualTo("i-0123456789abcdef0");
            assertThat(lazy.availabilityZone()).isEqualTo("eu-west-1b");
            assertThat(builds).as("built again after the failure, then kept").hasValue(2);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        if (exchange.getRequestMethod().equals("PUT") && path.equals("/latest/api/token")) {
            exchange.getResponseHeaders().add("x-aws-ec2-metadata-token-ttl-seconds", "21600");
            respond(exchange, 200, TOKEN);
        } else if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("x-aws-ec2-metadata-token"))) {
            respond(exchange, 401, "");
        } else if (documents.containsKey(path)) {
            respond(exchange, 200, documents.get(path));
        } else {
            respond(exchange, 404, "");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
