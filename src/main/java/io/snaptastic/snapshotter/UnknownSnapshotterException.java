package io.snaptastic.snapshotter;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;

/** A request named a snapshotter that is not configured. */
public class UnknownSnapshotterException extends AgentException {

    public UnknownSnapshotterException(String name) {
        super(ProblemType.UNKNOWN_SNAPSHOTTER, "no snapshotter is named '" + VolumeSpecValidator.printable(name) + "'");
    }
}
