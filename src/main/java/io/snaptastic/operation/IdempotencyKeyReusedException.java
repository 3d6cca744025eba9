package io.snaptastic.operation;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import java.util.Map;

/** An Idempotency-Key came back with a different request than the one it was first used for. */
public class IdempotencyKeyReusedException extends AgentException {

    private final String operationId;

    public IdempotencyKeyReusedException(String operationId) {
        super(ProblemType.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used for a different request (operation " + operationId
                + "); use a new key for a new request");
        this.operationId = operationId;
    }

    @Override
    protected Map<String, Object> properties() {
        return Map.of("operationId", operationId);
    }

    public String operationId() {
        return operationId;
    }
}
