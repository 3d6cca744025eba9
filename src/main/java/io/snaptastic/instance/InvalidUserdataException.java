package io.snaptastic.instance;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;

/** Userdata that is not a JSON object, so no filter tag or volume can be read from it. */
public class InvalidUserdataException extends AgentException {

    public InvalidUserdataException(String message) {
        super(ProblemType.INVALID_USERDATA, message);
    }
}
