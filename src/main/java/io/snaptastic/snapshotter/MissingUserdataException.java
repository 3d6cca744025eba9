package io.snaptastic.snapshotter;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;

/** The userdata lacks a key that a snapshotter's tags or volumes need (the seed's KeyError, made clear). */
public class MissingUserdataException extends AgentException {

    public MissingUserdataException(String snapshotter, String key) {
        super(ProblemType.MISSING_USERDATA, "snapshotter '" + snapshotter + "' needs the userdata key '" + key + "', and the userdata has none");
    }
}
