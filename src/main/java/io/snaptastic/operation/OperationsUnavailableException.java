package io.snaptastic.operation;

/** No operation can start now: the agent is shutting down, or too many are queued. */
public class OperationsUnavailableException extends RuntimeException {

    public OperationsUnavailableException(String message) {
        super(message);
    }
}
