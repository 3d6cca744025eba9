package io.snaptastic.operation;

/** An Idempotency-Key came back with a different request than the one it was first used for. */
public class IdempotencyKeyReusedException extends RuntimeException {

    private final String operationId;

    public IdempotencyKeyReusedException(String operationId) {
        super("this Idempotency-Key was used for a different request (operation " + operationId
                + "); use a new key for a new request");
        this.operationId = operationId;
    }

    public String operationId() {
        return operationId;
    }
}
