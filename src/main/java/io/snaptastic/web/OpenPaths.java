package io.snaptastic.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The requests that need no token: reading the state of snapshotters, volumes, mounts and snapshots,
 * the API description, and the actuator's health. Everything else, unknown paths included, needs one.
 */
final class OpenPaths {

    private static final List<String> READABLE = List.of(
            "/snapshotters", "/volumes", "/mounts", "/snapshots",
            "/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui", "/swagger-ui.html", "/actuator/health");

    private OpenPaths() {}

    static boolean permits(HttpServletRequest request) {
        return permits(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Also what the API description marks as needing no token. */
    static boolean permits(String method, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        return isPlain(path) && READABLE.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "/"));
    }

    /**
     * Encoded characters, path parameters and dot segments could make the path this filter sees differ
     * from the one a handler is chosen by; such paths are never open.
     */
    private static boolean isPlain(String path) {
        return path.startsWith("/") && path.indexOf('%') < 0 && path.indexOf(';') < 0 && path.indexOf('\\') < 0
                && !path.contains("//") && !path.contains("/./") && !path.contains("/../")
                && !path.endsWith("/.") && !path.endsWith("/..");
    }
}
