package io.snaptastic.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A scripted agent on a free loopback port: each request gets the next scripted answer, and is recorded
 * (method, path with query, Authorization header, body) for the test to check.
 */
final class StubAgent implements AutoCloseable {

    record Request(String method, String uri, String authorization, String body) {}

    private record Answer(int status, String contentType, String body) {}

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    StubAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StubAgent answer(int status, String json) {
        answers.add(new Answer(status, "application/json", json));
        return this;
    }

    StubAgent problem(int status, String type, String title, String detail) {
        answers.add(new Answer(status, "application/problem+json", """
                {"type":"https://snaptastic.io/problems/%s","title":"%s","status":%d,"detail":"%s"}"""
                .formatted(type, title, status, detail)));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Runs the client against this agent with the given environment; answers exit code and output. */
    Run run(Map<String, String> env, Clock clock, String... args) {
        return run(env, clock, JitterWait.REAL, args);
    }

    Run run(Map<String, String> env, Clock clock, JitterWait jitter, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withUrl = new String[args.length + 2];
        System.arraycopy(args, 0, withUrl, 0, args.length);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = url();
        int code = new Cli(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock, jitter).run(withUrl);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run run(String... args) {
        return run(Map.of("SNAPTASTIC_TOKEN", "stub-token"), Clock.systemUTC(), args);
    }

    /** What one run of the client did. */
    record Run(int exitCode, String out, String err) {}

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            answer = answers.isEmpty() ? new Answer(500, "text/plain", "no answer scripted") : answers.poll();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
