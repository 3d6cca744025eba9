package io.snaptastic.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The instance's real IMDS with one change: {@code /latest/user-data} answers the test run's userdata,
 * so the agent tags what it makes with the run's id (a filter tag) without relaunching the instance.
 * Everything else (token, instance id, zone, region) is passed through unchanged. The agent's SDK
 * credentials do not come through here: the SDK reads the instance role from IMDS on its own endpoint.
 */
final class UserdataImds implements AutoCloseable {

    private static final List<String> PASSED_HEADERS =
            List.of("X-aws-ec2-metadata-token", "X-aws-ec2-metadata-token-ttl-seconds");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final byte[] userdata;

    UserdataImds(String userdataJson) throws IOException {
        this.userdata = userdataJson.getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/latest/user-data")) {
                answer(exchange, 200, userdata);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(RealAwsCondition.IMDS.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(5))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            for (String header : PASSED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer(exchange, answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
