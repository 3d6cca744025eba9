package io.snaptastic.host;

/** A filesystem check that found errors it could not repair; the volume must not be mounted read-write. */
public class FilesystemCheckException extends RuntimeException {

    private final int exitCode;

    public FilesystemCheckException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The checker's exit code. */
    public int exitCode() {
        return exitCode;
    }
}
