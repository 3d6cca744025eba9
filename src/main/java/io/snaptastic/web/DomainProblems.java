package io.snaptastic.web;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import org.springframework.http.ProblemDetail;

/**
 * The one mapping from the agent's own exceptions ({@link AgentException}, each carrying its problem)
 * to problems, used for error answers and for the error of a failed operation alike. Anything else is
 * {@link ProblemType#INTERNAL} with a generic detail: host command output, stack traces and paths stay
 * in the log.
 */
public class DomainProblems {

    static final String INTERNAL_DETAIL = "internal error, see the agent's log";

    public ProblemDetail describe(Throwable failure) {
        return failure instanceof AgentException known ? known.problem() : ProblemType.INTERNAL.problem(INTERNAL_DETAIL);
    }

    /** Whether the answer says nothing of the failure, so the log must say everything. */
    public static boolean isInternal(ProblemDetail problem) {
        return ProblemType.INTERNAL.uri().equals(problem.getType());
    }
}
