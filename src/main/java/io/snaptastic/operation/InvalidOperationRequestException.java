package io.snaptastic.operation;

/** A parameter every operation endpoint shares (wait, Idempotency-Key) has a value it cannot take. */
public class InvalidOperationRequestException extends RuntimeException {

    public InvalidOperationRequestException(String message) {
        super(message);
    }
}
