package io.snaptastic.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.core.env.Environment;

/** Requests to an {@link AgentUnderTest} with the headers a retrying client sends (Idempotency-Key), sync or async. */
final class ApiRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI api;

    ApiRequests(AgentUnderTest agent) {
        this.api = URI.create("http://127.0.0.1:" + agent.bean(Environment.class).getProperty("local.server.port"));
    }

    AgentUnderTest.Answer post(String path, String json, String idempotencyKey) {
        return postAsync(path, json, idempotencyKey).join();
    }

    CompletableFuture<AgentUnderTest.Answer> postAsync(String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + AgentUnderTest.TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new AgentUnderTest.Answer(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), response.body()))
                .exceptionally(failure -> {
                    throw new UncheckedIOException(new IOException("request to " + path + " failed", failure));
                });
    }
}
