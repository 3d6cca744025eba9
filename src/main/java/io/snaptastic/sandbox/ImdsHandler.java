package io.snaptastic.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * IMDSv2 for the sandbox instance: a session token from {@code PUT /latest/api/token}, then the
 * instance's id, placement, identity document and userdata; 401 without a valid token, as IMDS
 * answers when IMDSv2 is required.
 */
final class ImdsHandler implements HttpHandler {

    static final String TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";
    private static final int MAX_TTL = 21600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxProperties settings;
    private final Instant launchTime;
    private final Clock clock;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    ImdsHandler(SandboxProperties settings, Instant launchTime, Clock clock) {
        this.settings = settings;
        this.launchTime = launchTime;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/latest/api/token")) {
                if (!method.equals("PUT")) {
                    send(exchange, 405, "Method Not Allowed");
                } else {
                    issueToken(exchange);
                }
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "Method Not Allowed");
            } else if (!valid(exchange.getRequestHeaders().getFirst(TOKEN_HEADER))) {
                send(exchange, 401, "Unauthorized");
            } else {
                String content = content(path);
                send(exchange, content == null ? 404 : 200, content == null ? "Not Found" : content);
            }
        }
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        String ttl = exchange.getRequestHeaders().getFirst(TTL_HEADER);
        int seconds;
        try {
            seconds = ttl == null ? -1 : Integer.parseInt(ttl.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_TTL) {
            send(exchange, 400, "Bad Request");
            return;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        tokens.values().removeIf(expiry -> expiry.isBefore(now));
        tokens.put(token, now.plusSeconds(seconds));
        exchange.getResponseHeaders().set(TTL_HEADER, String.valueOf(seconds));
        send(exchange, 200, token);
    }

    private boolean valid(String token) {
        Instant expiry = token == null ? null : tokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    private String content(String path) {
        return switch (path) {
            case "/latest/meta-data/instance-id" -> settings.instanceId();
            case "/latest/meta-data/placement/availability-zone" -> settings.availabilityZone();
            case "/latest/meta-data/placement/region" -> settings.region();
            case "/latest/meta-data/instance-type" -> "t3.micro";
            case "/latest/meta-data/local-ipv4" -> "127.0.0.1";
            case "/latest/meta-data", "/latest/meta-data/" -> "instance-id\ninstance-type\nlocal-ipv4\nplacement/";
            case "/latest/meta-data/placement", "/latest/meta-data/placement/" -> "availability-zone\nregion";
            case "/latest/dynamic/instance-identity/document" -> identityDocument();
            case "/latest/user-data" -> settings.userdata().isEmpty() ? null : settings.userdata();
            default -> null;
        };
    }

    private String identityDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("accountId", Ids.ACCOUNT_ID);
        document.put("architecture", "x86_64");
        document.put("availabilityZone", settings.availabilityZone());
        document.put("imageId", "ami-0sandbox00000001");
        document.put("instanceId", settings.instanceId());
        document.put("instanceType", "t3.micro");
        document.put("pendingTime", launchTime.toString());
        document.put("privateIp", "127.0.0.1");
        document.put("region", settings.region());
        document.put("version", "2017-09-30");
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }
}
