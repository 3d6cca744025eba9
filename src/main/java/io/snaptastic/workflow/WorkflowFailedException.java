package io.snaptastic.workflow;

import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A workflow that ended with failed volumes or a failed hook; the message says which and why. */
public class WorkflowFailedException extends AgentException {

    public WorkflowFailedException(WorkflowResult result) {
        super(type(result.cause()), summary(result), result.cause());
    }

    // Snapshots refused for a volume's pending ones: the client retries later, unlike a failed workflow.
    private static ProblemType type(Throwable cause) {
        return cause instanceof Ec2Exception.SnapshotLimitExceeded ? ProblemType.EC2_SNAPSHOT_LIMIT : ProblemType.WORKFLOW_FAILED;
    }

    @Override
    protected Map<String, Object> properties() {
        return getCause() instanceof Ec2Exception.SnapshotLimitExceeded limit ? Collections.singletonMap("awsCode", limit.awsCode()) : Map.of();
    }

    static String summary(WorkflowResult result) {
        List<VolumeOutcome> failed = result.volumes().stream().filter(VolumeOutcome::isFailed).toList();
        String volumes = failed.stream()
                .map(v -> v.mountPoint() + " failed at " + v.stepName() + ": " + v.error())
                .collect(Collectors.joining("; "));
        if (result.error() != null) {
            return failed.isEmpty() ? result.error() : result.error() + "; " + volumes;
        }
        return failed.size() + " of " + result.volumes().size() + " volume(s) failed: " + volumes;
    }
}
