package io.snaptastic.operation;

/**
 * How an operation's work ended. Work may also throw; the runner treats that as {@link Failed}. Failing
 * by returning lets a service keep the volume results it recorded and still name the cause.
 */
public sealed interface OperationOutcome {

    static OperationOutcome succeeded() {
        return new Succeeded();
    }

    static OperationOutcome failed(Throwable cause) {
        return new Failed(cause);
    }

    /** Everything was done. */
    record Succeeded() implements OperationOutcome {}

    /** The operation failed; the cause is described to the client and logged in full. */
    record Failed(Throwable cause) implements OperationOutcome {}
}
