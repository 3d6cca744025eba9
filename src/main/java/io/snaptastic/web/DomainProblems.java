package io.snaptastic.web;

import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.instance.InvalidUserdataException;
import io.snaptastic.operation.IdempotencyKeyReusedException;
import io.snaptastic.operation.InvalidOperationRequestException;
import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.operation.OperationNotFoundException;
import io.snaptastic.operation.OperationsUnavailableException;
import io.snaptastic.problem.ProblemType;
import io.snaptastic.retention.Cleanups;
import io.snaptastic.snapshot.SnapshotDeleter;
import io.snaptastic.snapshotter.InvalidVolumesException;
import io.snaptastic.snapshotter.MissingUserdataException;
import io.snaptastic.snapshotter.UnknownSnapshotterException;
import io.snaptastic.workflow.WorkflowFailedException;
import org.springframework.http.ProblemDetail;

/**
 * The one mapping from the agent's own exceptions to problems, used for error answers and for the
 * error of a failed operation alike. Anything it does not know is {@link ProblemType#INTERNAL} with a
 * generic detail: host command output, stack traces and paths stay in the log.
 */
public class DomainProblems {

    static final String INTERNAL_DETAIL = "internal error, see the agent's log";

    public ProblemDetail describe(Throwable failure) {
        if (failure instanceof UnknownSnapshotterException) {
            return ProblemType.UNKNOWN_SNAPSHOTTER.problem(failure.getMessage());
        }
        if (failure instanceof InvalidVolumesException invalid) {
            ProblemDetail problem = ProblemType.INVALID_VOLUMES.problem("the volumes have " + invalid.problems().size()
                    + " problem(s), listed in errors");
            problem.setProperty("errors", invalid.problems());
            return problem;
        }
        if (failure instanceof MissingUserdataException) {
            return ProblemType.MISSING_USERDATA.problem(failure.getMessage());
        }
        if (failure instanceof InvalidUserdataException) {
            return ProblemType.INVALID_USERDATA.problem(failure.getMessage());
        }
        if (failure instanceof OperationConflictException conflict) {
            ProblemDetail problem = ProblemType.CONFLICT.problem(failure.getMessage());
            problem.setProperty("operationId", conflict.runningOperationId());
            return problem;
        }
        if (failure instanceof IdempotencyKeyReusedException reused) {
            ProblemDetail problem = ProblemType.IDEMPOTENCY_KEY_REUSED.problem(failure.getMessage());
            problem.setProperty("operationId", reused.operationId());
            return problem;
        }
        if (failure instanceof OperationNotFoundException) {
            return ProblemType.NOT_FOUND.problem(failure.getMessage());
        }
        if (failure instanceof InvalidOperationRequestException) {
            return ProblemType.VALIDATION_FAILED.problem(failure.getMessage());
        }
        if (failure instanceof OperationsUnavailableException) {
            return ProblemType.UNAVAILABLE.problem(failure.getMessage());
        }
        if (failure instanceof Ec2Exception ec2) {
            return ec2Problem(ec2);
        }
        if (failure instanceof WorkflowFailedException && failure.getCause() instanceof Ec2Exception.SnapshotLimitExceeded limit) {
            ProblemDetail problem = ProblemType.EC2_SNAPSHOT_LIMIT.problem(failure.getMessage());
            problem.setProperty("awsCode", limit.awsCode());
            return problem;
        }
        if (failure instanceof WorkflowFailedException || failure instanceof Cleanups.IncompleteCleanupException) {
            return ProblemType.WORKFLOW_FAILED.problem(failure.getMessage());
        }
        if (failure instanceof SnapshotDeleter.UnmanagedSnapshotException) {
            return ProblemType.UNMANAGED_SNAPSHOT.problem(failure.getMessage());
        }
        return ProblemType.INTERNAL.problem(INTERNAL_DETAIL);
    }

    /** Whether the answer says nothing of the failure, so the log must say everything. */
    public static boolean isInternal(ProblemDetail problem) {
        return ProblemType.INTERNAL.uri().equals(problem.getType());
    }

    private static ProblemDetail ec2Problem(Ec2Exception failure) {
        ProblemType type;
        if (failure instanceof Ec2Exception.NotFound) {
            type = ProblemType.EC2_NOT_FOUND;
        } else if (failure instanceof Ec2Exception.Conflict) {
            type = ProblemType.EC2_CONFLICT;
        } else if (failure instanceof Ec2Exception.SnapshotLimitExceeded) {
            type = ProblemType.EC2_SNAPSHOT_LIMIT;
        } else if (failure instanceof Ec2Exception.Throttled) {
            type = ProblemType.EC2_THROTTLED;
        } else if (failure instanceof Ec2Exception.InvalidRequest) {
            type = ProblemType.EC2_INVALID_REQUEST;
        } else if (failure instanceof Ec2Exception.Denied) {
            type = ProblemType.EC2_DENIED;
        } else if (failure instanceof Ec2Exception.Unsupported) {
            type = ProblemType.EC2_UNSUPPORTED;
        } else if (failure instanceof Ec2Exception.WaitFailed) {
            type = ProblemType.EC2_WAIT_FAILED;
        } else {
            type = ProblemType.EC2_UNAVAILABLE;
        }
        ProblemDetail problem = type.problem(failure.getMessage());
        if (failure.awsCode() != null) {
            problem.setProperty("awsCode", failure.awsCode());
        }
        return problem;
    }
}
