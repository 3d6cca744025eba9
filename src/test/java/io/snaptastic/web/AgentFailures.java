package io.snaptastic.web;

import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.instance.InvalidUserdataException;
import io.snaptastic.operation.IdempotencyKeyReusedException;
import io.snaptastic.operation.InvalidOperationRequestException;
import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.operation.OperationNotFoundException;
import io.snaptastic.operation.OperationsUnavailableException;
import io.snaptastic.problem.ProblemType;
import io.snaptastic.retention.Cleanups.IncompleteCleanupException;
import io.snaptastic.snapshot.SnapshotDeleter.UnmanagedSnapshotException;
import io.snaptastic.snapshotter.InvalidVolumesException;
import io.snaptastic.snapshotter.MissingUserdataException;
import io.snaptastic.snapshotter.UnknownSnapshotterException;
import io.snaptastic.workflow.WorkflowFailedException;
import io.snaptastic.workflow.WorkflowResult;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** One instance of every failure the API answers, each with the problem type it must be answered with. */
final class AgentFailures {

    static final String SECRET = "/var/lib/snaptastic/secret stderr: mkfs said no";
    static final String UNKNOWN_SNAPSHOTTER = UnknownSnapshotterException.class.getName();

    private AgentFailures() {}

    record Failure(Exception exception, ProblemType type) {}

    static Stream<Failure> all() {
        return Stream.of(agentExceptions(), ec2Exceptions(), springExceptions(),
                internal().map(failure -> new Failure(failure, ProblemType.INTERNAL))).flatMap(s -> s);
    }

    /** Failures whose message must never reach the answer: host command output, anything unexpected. */
    static Stream<Exception> internal() {
        return Stream.of(new HostCommandException("mkfs failed", List.of("/sbin/mkfs.ext4", "/dev/xvdf"), 1, "", SECRET, null),
                new IllegalStateException(SECRET));
    }

    static UnknownSnapshotterException unknownSnapshotter() {
        return new UnknownSnapshotterException("nope");
    }

    static InvalidVolumesException invalidVolumes() {
        return new InvalidVolumesException(List.of("volumes[0].device: bad", "volumes[1].size: bad"));
    }

    static OperationConflictException conflict() {
        return new OperationConflictException("solr", "op-1");
    }

    static IdempotencyKeyReusedException idempotencyKeyReused() {
        return new IdempotencyKeyReusedException("op-2");
    }

    static Ec2Exception throttled() {
        return new Ec2Exception.Throttled("RequestLimitExceeded", "slow down", null);
    }

    private static Stream<Failure> agentExceptions() {
        Ec2Exception limit = new Ec2Exception.SnapshotLimitExceeded("ConcurrentSnapshotLimitExceeded", "too many", null);
        return Stream.of(
                new Failure(unknownSnapshotter(), ProblemType.UNKNOWN_SNAPSHOTTER),
                new Failure(invalidVolumes(), ProblemType.INVALID_VOLUMES),
                new Failure(new MissingUserdataException("solr", "cluster"), ProblemType.MISSING_USERDATA),
                new Failure(new InvalidUserdataException("userdata is not a JSON object"), ProblemType.INVALID_USERDATA),
                new Failure(conflict(), ProblemType.CONFLICT),
                new Failure(idempotencyKeyReused(), ProblemType.IDEMPOTENCY_KEY_REUSED),
                new Failure(new OperationNotFoundException(), ProblemType.NOT_FOUND),
                new Failure(new InvalidOperationRequestException("wait must be 0 to 900 seconds"), ProblemType.VALIDATION_FAILED),
                new Failure(new OperationsUnavailableException("shutting down"), ProblemType.UNAVAILABLE),
                new Failure(new UnmanagedSnapshotException("snap-00000000000000001"), ProblemType.UNMANAGED_SNAPSHOT),
                new Failure(new IncompleteCleanupException(), ProblemType.WORKFLOW_FAILED),
                new Failure(new WorkflowFailedException(new WorkflowResult(List.of(), "pre-snapshot hook failed")),
                        ProblemType.WORKFLOW_FAILED),
                // Refused for a volume's pending snapshots, a workflow fails as the limit: the client retries later.
                new Failure(new WorkflowFailedException(new WorkflowResult(List.of(), "too many pending", limit)),
                        ProblemType.EC2_SNAPSHOT_LIMIT));
    }

    private static Stream<Failure> ec2Exceptions() {
        return Stream.of(
                new Failure(new Ec2Exception.NotFound("InvalidVolume.NotFound", "vol-1 does not exist", null), ProblemType.EC2_NOT_FOUND),
                new Failure(new Ec2Exception.Conflict("IncorrectState", "vol-1 is in use", null), ProblemType.EC2_CONFLICT),
                new Failure(new Ec2Exception.DeviceInUse("InvalidParameterValue", "/dev/sdf is in use", null), ProblemType.EC2_CONFLICT),
                new Failure(new Ec2Exception.AttachmentLimitExceeded("AttachmentLimitExceeded", "full", null), ProblemType.EC2_CONFLICT),
                new Failure(throttled(), ProblemType.EC2_THROTTLED),
                new Failure(new Ec2Exception.SnapshotRateExceeded("SnapshotCreationPerVolumeRateExceeded", "too soon", null),
                        ProblemType.EC2_THROTTLED),
                new Failure(new Ec2Exception.SnapshotLimitExceeded("ConcurrentSnapshotLimitExceeded", "too many", null),
                        ProblemType.EC2_SNAPSHOT_LIMIT),
                new Failure(new Ec2Exception.InvalidRequest("InvalidParameterValue", "bad size", null), ProblemType.EC2_INVALID_REQUEST),
                new Failure(new Ec2Exception.Denied("UnauthorizedOperation", "not allowed", null), ProblemType.EC2_DENIED),
                new Failure(new Ec2Exception.Unsupported(null, "no CreateSnapshots", null), ProblemType.EC2_UNSUPPORTED),
                new Failure(new Ec2Exception.WaitFailed("snapshot stayed pending"), ProblemType.EC2_WAIT_FAILED),
                new Failure(new Ec2Exception.AttachmentStuck("vol-1 stayed attaching"), ProblemType.EC2_WAIT_FAILED),
                new Failure(new Ec2Exception.Vanished("vol-1", "vol-1 is gone"), ProblemType.EC2_UNAVAILABLE),
                new Failure(new Ec2Exception.Unavailable(null, "connection refused", null), ProblemType.EC2_UNAVAILABLE));
    }

    /** Raised by Spring MVC before a controller runs; the handler answers them as it answers them from anywhere. */
    private static Stream<Failure> springExceptions() {
        return Stream.of(
                new Failure(new HttpMessageNotReadableException("no body", new MockHttpInputMessage(new byte[0])),
                        ProblemType.MALFORMED_REQUEST),
                new Failure(new NoResourceFoundException(HttpMethod.GET, "/nothing", "nothing"), ProblemType.NOT_FOUND),
                new Failure(new HttpRequestMethodNotSupportedException("PUT", List.of("GET")), ProblemType.METHOD_NOT_ALLOWED),
                new Failure(new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON)), ProblemType.NOT_ACCEPTABLE),
                new Failure(new HttpMediaTypeNotSupportedException(MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON)),
                        ProblemType.UNSUPPORTED_MEDIA_TYPE),
                new Failure(new MaxUploadSizeExceededException(64 * 1024), ProblemType.PAYLOAD_TOO_LARGE));
    }
}
