package io.snaptastic.web;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every kind of error the API answers with: a stable {@code type} URI
 * ({@code https://snaptastic.io/problems/<slug>}), a title and the HTTP status. Clients switch on the
 * type, never on the title or detail.
 */
public enum ProblemType {
    VALIDATION_FAILED("Validation failed", HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST("Malformed request", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("Unauthorized", HttpStatus.UNAUTHORIZED),
    EC2_DENIED("EC2 denied the agent", HttpStatus.FORBIDDEN),
    NOT_FOUND("Not found", HttpStatus.NOT_FOUND),
    UNKNOWN_SNAPSHOTTER("Unknown snapshotter", HttpStatus.NOT_FOUND),
    EC2_NOT_FOUND("EC2 resource not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("Operation running", HttpStatus.CONFLICT),
    UNMANAGED_SNAPSHOT("Snapshot not managed by snaptastic", HttpStatus.CONFLICT),
    EC2_CONFLICT("EC2 resource in the wrong state", HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("Payload too large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    IDEMPOTENCY_KEY_REUSED("Idempotency key reused", HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_VOLUMES("Invalid volumes", HttpStatus.UNPROCESSABLE_CONTENT),
    MISSING_USERDATA("Missing userdata", HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_USERDATA("Invalid userdata", HttpStatus.UNPROCESSABLE_CONTENT),
    EC2_INVALID_REQUEST("EC2 refused the request", HttpStatus.UNPROCESSABLE_CONTENT),
    INTERNAL("Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    WORKFLOW_FAILED("Operation failed", HttpStatus.INTERNAL_SERVER_ERROR),
    AGENT_STOPPED("Agent stopped", HttpStatus.INTERNAL_SERVER_ERROR),
    EC2_UNSUPPORTED("EC2 does not support the call", HttpStatus.NOT_IMPLEMENTED),
    EC2_UNAVAILABLE("EC2 unavailable", HttpStatus.BAD_GATEWAY),
    EC2_THROTTLED("EC2 throttled the agent", HttpStatus.SERVICE_UNAVAILABLE),
    UNAVAILABLE("Unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    EC2_WAIT_FAILED("EC2 wait failed", HttpStatus.GATEWAY_TIMEOUT);

    public static final String BASE = "https://snaptastic.io/problems/";

    private final String title;
    private final HttpStatus status;

    ProblemType(String title, HttpStatus status) {
        this.title = title;
        this.status = status;
    }

    /** The URI's last segment, such as {@code validation-failed}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public URI uri() {
        return URI.create(BASE + slug());
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri());
        problem.setTitle(title);
        return problem;
    }

    /** The generic type for a status an error page reports, such as 404 → not-found. */
    static Optional<ProblemType> forStatus(int status) {
        return Arrays.stream(new ProblemType[] {MALFORMED_REQUEST, UNAUTHORIZED, NOT_FOUND, METHOD_NOT_ALLOWED,
                        NOT_ACCEPTABLE, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INTERNAL, UNAVAILABLE})
                .filter(type -> type.status.value() == status)
                .findFirst();
    }
}
