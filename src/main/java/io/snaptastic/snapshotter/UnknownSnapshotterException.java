package io.snaptastic.snapshotter;

/** A request named a snapshotter that is not configured. */
public class UnknownSnapshotterException extends RuntimeException {

    public UnknownSnapshotterException(String name) {
        super("no snapshotter is named '" + VolumeSpecValidator.printable(name) + "'");
    }
}
