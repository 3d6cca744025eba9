package io.snaptastic.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The actuator of an agent under test, on its management port: health without a token, the rest with it. */
record Actuator(URI base) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Actuator of(AgentUnderTest agent) {
        String port = agent.bean(org.springframework.core.env.Environment.class).getProperty("local.management.port");
        return new Actuator(URI.create("http://127.0.0.1:" + port));
    }

    /** One health answer: its HTTP status and its JSON. */
    record HealthAnswer(int status, JsonNode json) {

        String state() {
            return json.get("status").asText();
        }

        JsonNode details(String component) {
            return json.get("components").get(component).get("details");
        }

        String componentState(String component) {
            return json.get("components").get(component).get("status").asText();
        }
    }

    HealthAnswer health(String path) {
        HttpResponse<String> response = get(path, false);
        return new HealthAnswer(response.statusCode(), JSON.readTree(response.body()));
    }

    String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus", true);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("prometheus answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> get(String path, boolean token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token) {
            request.header("Authorization", "Bearer " + AgentUnderTest.TOKEN);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
