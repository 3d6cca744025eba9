package io.snaptastic.operation;

/**
 * Finishes or undoes, at start-up, what an operation that was running when the agent stopped left
 * behind, and says what it did; the operation is then marked failed with that as its reason.
 */
@FunctionalInterface
public interface OperationReconciler {

    OperationReconciler NONE = operation -> "";

    /**
     * @param interrupted the operation as last journalled, still running
     * @return what was found and done, for a person (appended to the failure's detail); empty for nothing
     */
    String reconcile(Operation interrupted);
}
