package io.snaptastic.problem;

import java.util.Map;
import org.springframework.http.ProblemDetail;

/**
 * A failure a caller can act on, carrying the {@link ProblemType} it is answered with, so one handler
 * maps every feature's failures without knowing them.
 */
public abstract class AgentException extends RuntimeException {

    private final ProblemType type;

    protected AgentException(ProblemType type, String message) {
        this(type, message, null);
    }

    protected AgentException(ProblemType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** The problem a client reads: the type, the detail and the members that name what the failure concerns. */
    public ProblemDetail problem() {
        ProblemDetail problem = type.problem(detail());
        properties().forEach(problem::setProperty);
        return problem;
    }

    /** What the answer says; the message unless the failure words it for the client differently. */
    protected String detail() {
        return getMessage();
    }

    /** Extension members of the problem, such as the operation a conflict names. */
    protected Map<String, Object> properties() {
        return Map.of();
    }
}
