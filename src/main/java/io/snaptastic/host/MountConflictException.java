package io.snaptastic.host;

/** A mount point that already holds a different device. */
public class MountConflictException extends RuntimeException {

    public MountConflictException(String message) {
        super(message);
    }
}
