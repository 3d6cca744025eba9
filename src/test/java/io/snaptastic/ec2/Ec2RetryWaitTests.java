package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** A real SDK client against an HTTP server that throttles first: the wait before the retry is recorded per action. */
class Ec2RetryWaitTests {

    static final Duration BACKOFF = Duration.ofMillis(300);
    static final String THROTTLED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error>\
            </Errors><RequestID>r-1</RequestID></Response>""";
    static final String NO_VOLUMES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-2</requestId>\
            <volumeSet/></DescribeVolumesResponse>""";

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    HttpServer server;
    Ec2Client client;

    record Answer(int status, String body) {}

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void recordsTheWaitBeforeARetriedThrottledCallUnderItsAction() throws IOException {
        script.addAll(List.of(new Answer(503, THROTTLED), new Answer(200, NO_VOLUMES)));
        client = client(start());

        long started = System.nanoTime();
        assertThat(client.describeVolumes().volumes()).isEmpty();
        long took = System.nanoTime() - started;

        Timer wait = meters.get("snaptastic.ec2.retry.wait").tag("action", "DescribeVolumes").timer();
        assertThat(wait.count()).isEqualTo(1);
        assertThat(wait.totalTime(TimeUnit.NANOSECONDS)).isBetween((double) BACKOFF.toNanos(), (double) took);
        assertThat(meters.get("snaptastic.ec2.calls").tag("action", "DescribeVolumes").tag("outcome", "success")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void recordsNoWaitForACallAnsweredAtOnce() throws IOException {
        script.add(new Answer(200, NO_VOLUMES));
        client = client(start());

        client.describeVolumes();

        assertThat(meters.find("snaptastic.ec2.retry.wait").timer()).isNull();
    }

    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Answer next = script.size() > 1 ? script.removeFirst() : script.getFirst();
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
        exchange.sendResponseHeaders(next.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A fixed backoff without jitter instead of the agent's adaptive one, so the test knows the least wait to expect. */
    private Ec2Client client(URI endpoint) {
        BackoffStrategy fixed = BackoffStrategy.fixedDelayWithoutJitter(BACKOFF);
        return Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))
                        .addExecutionInterceptor(new Ec2CallMetrics(meters))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .backoffStrategy(fixed).throttlingBackoffStrategy(fixed).build()))
                .build();
    }
}
