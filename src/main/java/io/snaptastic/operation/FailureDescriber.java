package io.snaptastic.operation;

/**
 * Turns the exception an operation failed with into the problem a client reads. The web layer
 * supplies the one that matches its error answers; without it every failure is {@link OperationProblem#INTERNAL}.
 */
@FunctionalInterface
public interface FailureDescriber {

    FailureDescriber GENERIC = failure -> OperationProblem.INTERNAL;

    OperationProblem describe(Throwable failure);
}
