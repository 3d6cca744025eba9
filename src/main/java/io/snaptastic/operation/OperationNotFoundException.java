package io.snaptastic.operation;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;

/** No operation has that id, or it was forgotten (the journal keeps a bounded history). */
public class OperationNotFoundException extends AgentException {

    public OperationNotFoundException() {
        super(ProblemType.NOT_FOUND, "no operation has this id; operations are kept for a limited time");
    }
}
