package io.snaptastic.operation;

/** No operation has that id, or it was forgotten (the journal keeps a bounded history). */
public class OperationNotFoundException extends RuntimeException {

    public OperationNotFoundException() {
        super("no operation has this id; operations are kept for a limited time");
    }
}
