package io.snaptastic.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's HTTP API as the command uses it: JSON in and out, the bearer token on every request, and
 * a bound on every call.
 */
final class AgentClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final JsonMapper json;
    private final URI base;
    private final String token;
    private final Console console;

    AgentClient(URI base, String token, JsonMapper json, Console console) {
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.json = json;
        this.base = base;
        this.token = token;
        this.console = console;
    }

    URI base() {
        return base;
    }

    boolean hasToken() {
        return token != null;
    }

    AgentReply get(String pathAndQuery, Duration timeout) {
        return send("GET", pathAndQuery, null, timeout);
    }

    AgentReply post(String pathAndQuery, JsonNode body, Duration timeout) {
        return send("POST", pathAndQuery, body, timeout);
    }

    AgentReply delete(String pathAndQuery, Duration timeout) {
        return send("DELETE", pathAndQuery, null, timeout);
    }

    private AgentReply send(String method, String pathAndQuery, JsonNode body, Duration timeout) {
        URI uri = URI.create(stripSlash(base.toString()) + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        console.debug(method + " " + uri + (body == null ? "" : " " + body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            console.debug("-> " + response.statusCode() + " " + response.body());
            return new AgentReply(response.statusCode(), parse(response.body()));
        } catch (HttpTimeoutException e) {
            throw new AgentUnreachableException("the agent at " + base + " did not answer within "
                    + Durations.describe(timeout), e);
        } catch (IOException e) {
            throw new AgentUnreachableException("cannot reach the agent at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentUnreachableException("interrupted while waiting for the agent at " + base, e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
