package io.snaptastic.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which operation each Idempotency-Key started, while the key's window lasts. Not thread-safe: the
 * runner calls it under its own lock.
 */
final class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");

    private final Duration window;
    private final Map<String, String> operationByKey = new HashMap<>();

    IdempotencyKeys(Duration window) {
        this.window = window;
    }

    /** @throws InvalidOperationRequestException when a key is given but is not 1 to 255 visible ASCII characters */
    static void check(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw new InvalidOperationRequestException("Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
    }

    void remember(String key, String operationId) {
        if (key != null) {
            operationByKey.put(key, operationId);
        }
    }

    void forget(String operationId) {
        operationByKey.values().remove(operationId);
    }

    /**
     * The operation an earlier request with this key started, when it is within the window and asked
     * for the same; empty for a new or expired key.
     *
     * @throws IdempotencyKeyReusedException when the key came with a different request
     */
    Optional<Operation> earlier(String key, OperationType type, String snapshotter, String fingerprint,
            Function<String, TrackedOperation> operations, Instant now) {
        TrackedOperation tracked = key == null ? null : operations.apply(operationByKey.getOrDefault(key, ""));
        if (tracked == null) {
            return Optional.empty();
        }
        Operation operation = tracked.current();
        if (operation.startedAt().isBefore(now.minus(window))) {
            operationByKey.remove(key);
            return Optional.empty();
        }
        if (operation.type() != type || !operation.snapshotter().equals(snapshotter)
                || !Objects.equals(tracked.requestFingerprint(), fingerprint)) {
            throw new IdempotencyKeyReusedException(operation.id());
        }
        return Optional.of(operation);
    }
}
