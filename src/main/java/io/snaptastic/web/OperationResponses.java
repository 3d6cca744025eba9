package io.snaptastic.web;

import io.snaptastic.operation.InvalidOperationRequestException;
import io.snaptastic.operation.Operation;
import io.snaptastic.operation.Operations;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.ResponseEntity;

/**
 * How every endpoint that starts an operation answers: {@code 202 Accepted} with
 * {@code Location: /operations/{id}} while it runs, or {@code 200} with the finished operation when it
 * finished within the {@code wait} the client allowed.
 */
public final class OperationResponses {

    /** The longest {@code ?wait=} a client may ask for, in seconds. */
    public static final int MAX_WAIT_SECONDS = 900;

    /** How the API description explains {@code ?wait=}, on every endpoint that takes it. */
    public static final String WAIT_DOC = "Seconds to wait for the operation to finish before answering, 0 to 900; "
            + "0 answers at once";

    /** How the API description explains the Idempotency-Key header. */
    public static final String IDEMPOTENCY_KEY_DOC = "Makes a retry safe: the same key with the same request returns "
            + "the operation the first request started (for 24 hours unless configured); with another request it "
            + "is 422. 1 to 255 visible ASCII characters";

    /** The API description of a 200 answer to a request that starts an operation. */
    public static final String FINISHED_DOC = "The operation finished within the wait (or the Idempotency-Key names "
            + "a finished one); status says whether it succeeded";

    /** The API description of a 202 answer. */
    public static final String ACCEPTED_DOC = "The operation runs; poll or wait on Location (GET /operations/{id}?wait=)";

    private OperationResponses() {}

    /**
     * @param submitted what {@link Operations#submit} returned
     * @param waitSeconds the request's {@code wait} parameter, 0 to answer at once
     * @throws InvalidOperationRequestException when wait is outside 0..900
     */
    public static ResponseEntity<Operation> answer(Operations operations, Operation submitted, int waitSeconds) {
        Duration wait = waitDuration(waitSeconds);
        Operation operation = submitted.finished() ? submitted : operations.await(submitted.id(), wait);
        if (operation.finished()) {
            return ResponseEntity.ok().location(location(operation)).body(operation);
        }
        return ResponseEntity.accepted().location(location(operation)).body(operation);
    }

    /** The checked wait; shared with {@code GET /operations/{id}?wait=}. */
    public static Duration waitDuration(int waitSeconds) {
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw new InvalidOperationRequestException("wait must be 0 to " + MAX_WAIT_SECONDS + " seconds");
        }
        return Duration.ofSeconds(waitSeconds);
    }

    public static URI location(Operation operation) {
        return URI.create("/operations/" + operation.id());
    }
}
