package io.snaptastic.operation;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;

/** No operation can start now: the agent is shutting down, or too many are queued. */
public class OperationsUnavailableException extends AgentException {

    public OperationsUnavailableException(String message) {
        super(ProblemType.UNAVAILABLE, message);
    }
}
