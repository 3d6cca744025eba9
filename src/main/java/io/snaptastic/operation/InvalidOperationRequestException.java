package io.snaptastic.operation;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;

/** A parameter every operation endpoint shares (wait, Idempotency-Key) has a value it cannot take. */
public class InvalidOperationRequestException extends AgentException {

    public InvalidOperationRequestException(String message) {
        super(ProblemType.VALIDATION_FAILED, message);
    }
}
