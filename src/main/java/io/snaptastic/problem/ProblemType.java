package io.snaptastic.problem;

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
    VALIDATION_FAILED("Validation failed", HttpStatus.BAD_REQUEST,
            "A value in the request is out of range or badly formed (a snapshotter name, a snapshot id, wait); "
                    + "errors lists each."),
    MALFORMED_REQUEST("Malformed request", HttpStatus.BAD_REQUEST,
            "The request cannot be read: JSON that is not well-formed or nested too deeply, an unknown property, "
                    + "a value of the wrong type, or a missing parameter."),
    UNAUTHORIZED("Unauthorized", HttpStatus.UNAUTHORIZED,
            "No bearer token, or the wrong one, on a request that needs it."),
    EC2_DENIED("EC2 denied the agent", HttpStatus.FORBIDDEN,
            "EC2 denied the agent's credentials a call (awsCode names the refusal)."),
    NOT_FOUND("Not found", HttpStatus.NOT_FOUND,
            "Nothing is served at this path, or no operation has this id."),
    UNKNOWN_SNAPSHOTTER("Unknown snapshotter", HttpStatus.NOT_FOUND,
            "No snapshotter of this name is configured."),
    EC2_NOT_FOUND("EC2 resource not found", HttpStatus.NOT_FOUND,
            "EC2 has no such volume, snapshot or instance (awsCode says which)."),
    METHOD_NOT_ALLOWED("Method not allowed", HttpStatus.METHOD_NOT_ALLOWED,
            "The path exists, but not for this method; the Allow header lists the methods."),
    NOT_ACCEPTABLE("Not acceptable", HttpStatus.NOT_ACCEPTABLE,
            "The client accepts no media type the answer can be given in."),
    CONFLICT("Operation running", HttpStatus.CONFLICT,
            "Another operation runs on this snapshotter; operationId names it. Wait for it and retry."),
    UNMANAGED_SNAPSHOT("Snapshot not managed by snaptastic", HttpStatus.CONFLICT,
            "The snapshot is not tagged snaptastic:managed=true; the agent never deletes it."),
    EC2_CONFLICT("EC2 resource in the wrong state", HttpStatus.CONFLICT,
            "The EC2 resource is in a state that does not allow the call (awsCode says which)."),
    EC2_SNAPSHOT_LIMIT("EC2 snapshot limit reached", HttpStatus.CONFLICT,
            "A volume has as many pending snapshots as EC2 allows (ConcurrentSnapshotLimitExceeded); retry once its "
                    + "pending snapshots have completed."),
    PAYLOAD_TOO_LARGE("Payload too large", HttpStatus.CONTENT_TOO_LARGE,
            "The body is larger than snaptastic.api.max-body-size (64 KB unless configured)."),
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "The body is not sent as application/json."),
    IDEMPOTENCY_KEY_REUSED("Idempotency key reused", HttpStatus.UNPROCESSABLE_CONTENT,
            "The Idempotency-Key was used for a different request; operationId names the operation it started."),
    INVALID_VOLUMES("Invalid volumes", HttpStatus.UNPROCESSABLE_CONTENT,
            "The snapshotter's volumes (from the configuration or userdata) would be refused by EC2 or are "
                    + "unsafe on the host; errors lists each problem."),
    MISSING_USERDATA("Missing userdata", HttpStatus.UNPROCESSABLE_CONTENT,
            "The snapshotter needs a userdata key (a filter tag or volumes) that the userdata lacks."),
    INVALID_USERDATA("Invalid userdata", HttpStatus.UNPROCESSABLE_CONTENT,
            "The instance's userdata is not a JSON object."),
    EC2_INVALID_REQUEST("EC2 refused the request", HttpStatus.UNPROCESSABLE_CONTENT,
            "EC2 refused the parameters of a call (awsCode says why)."),
    INTERNAL("Internal error", HttpStatus.INTERNAL_SERVER_ERROR,
            "An unexpected error; the agent's log has the details."),
    WORKFLOW_FAILED("Operation failed", HttpStatus.INTERNAL_SERVER_ERROR,
            "A mount, unmount or snapshot failed; the operation's volumes say where. Only in an operation's error."),
    AGENT_STOPPED("Agent stopped", HttpStatus.INTERNAL_SERVER_ERROR,
            "The agent stopped while the operation ran; it reconciles the operation at its next start. Only in "
                    + "an operation's error."),
    EC2_UNSUPPORTED("EC2 does not support the call", HttpStatus.NOT_IMPLEMENTED,
            "The EC2 endpoint does not support a call the agent made."),
    EC2_UNAVAILABLE("EC2 unavailable", HttpStatus.BAD_GATEWAY,
            "EC2 could not be reached, or answered with a server error."),
    EC2_THROTTLED("EC2 throttled the agent", HttpStatus.SERVICE_UNAVAILABLE,
            "EC2 throttled the agent; retry after the Retry-After header's seconds."),
    UNAVAILABLE("Unavailable", HttpStatus.SERVICE_UNAVAILABLE,
            "The agent is shutting down or has too many operations queued; retry after the Retry-After header's "
                    + "seconds."),
    EC2_WAIT_FAILED("EC2 wait failed", HttpStatus.GATEWAY_TIMEOUT,
            "A volume or snapshot did not reach the expected state in time.");

    public static final String BASE = "https://snaptastic.io/problems/";

    private final String title;
    private final HttpStatus status;
    private final String meaning;

    ProblemType(String title, HttpStatus status, String meaning) {
        this.title = title;
        this.status = status;
        this.meaning = meaning;
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

    /** What the problem means for a client, as the API description lists it. */
    public String meaning() {
        return meaning;
    }

    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri());
        problem.setTitle(title);
        return problem;
    }

    /** The generic type for a status an error page reports, such as 404 → not-found. */
    public static Optional<ProblemType> forStatus(int status) {
        return Arrays.stream(new ProblemType[] {MALFORMED_REQUEST, UNAUTHORIZED, NOT_FOUND, METHOD_NOT_ALLOWED,
                        NOT_ACCEPTABLE, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INTERNAL, UNAVAILABLE})
                .filter(type -> type.status.value() == status)
                .findFirst();
    }
}
