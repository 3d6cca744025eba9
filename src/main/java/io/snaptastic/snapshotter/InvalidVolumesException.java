package io.snaptastic.snapshotter;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import java.util.List;
import java.util.Map;

/** Volumes read from userdata or a request that EC2 or a safe host would not accept; one line per problem. */
public class InvalidVolumesException extends AgentException {

    private final List<String> problems;

    public InvalidVolumesException(List<String> problems) {
        super(ProblemType.INVALID_VOLUMES, String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    @Override
    protected String detail() {
        return "the volumes have " + problems.size() + " problem(s), listed in errors";
    }

    @Override
    protected Map<String, Object> properties() {
        return Map.of("errors", problems);
    }

    public List<String> problems() {
        return problems;
    }
}
