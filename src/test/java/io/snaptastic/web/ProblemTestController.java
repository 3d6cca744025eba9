package io.snaptastic.web;

import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.instance.InvalidUserdataException;
import io.snaptastic.operation.IdempotencyKeyReusedException;
import io.snaptastic.operation.InvalidOperationRequestException;
import io.snaptastic.operation.OperationConflictException;
import io.snaptastic.operation.OperationNotFoundException;
import io.snaptastic.operation.OperationsUnavailableException;
import io.snaptastic.snapshotter.InvalidVolumesException;
import io.snaptastic.snapshotter.MissingUserdataException;
import io.snaptastic.snapshotter.UnknownSnapshotterException;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeStep;
import io.snaptastic.workflow.WorkflowFailedException;
import io.snaptastic.workflow.WorkflowResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints that raise each error the API maps, and one that takes a validated JSON body. */
@RestController
class ProblemTestController {

    static final String SECRET = "/var/lib/snaptastic/secret stderr: mkfs said no";

    @GetMapping("/test/failures/{kind}")
    String fail(@PathVariable String kind) {
        throw switch (kind) {
            case "unknown-snapshotter" -> new UnknownSnapshotterException("nope");
            case "invalid-volumes" -> new InvalidVolumesException(List.of("volumes[0].device: bad", "volumes[1].size: bad"));
            case "missing-userdata" -> new MissingUserdataException("solr", "cluster");
            case "invalid-userdata" -> new InvalidUserdataException("userdata is not a JSON object");
            case "conflict" -> new OperationConflictException("solr", "op-1");
            case "idempotency-key-reused" -> new IdempotencyKeyReusedException("op-2");
            case "operation-not-found" -> new OperationNotFoundException();
            case "invalid-wait" -> new InvalidOperationRequestException("wait must be 0 to 900 seconds");
            case "unavailable" -> new OperationsUnavailableException("shutting down");
            case "ec2-not-found" -> new Ec2Exception.NotFound("InvalidVolume.NotFound", "vol-1 does not exist", null);
            case "ec2-conflict" -> new Ec2Exception.Conflict("IncorrectState", "vol-1 is in use", null);
            case "ec2-throttled" -> new Ec2Exception.Throttled("RequestLimitExceeded", "slow down", null);
            case "ec2-snapshot-rate" -> new Ec2Exception.SnapshotRateExceeded("SnapshotCreationPerVolumeRateExceeded", "too soon", null);
            case "ec2-snapshot-limit" -> new Ec2Exception.SnapshotLimitExceeded("ConcurrentSnapshotLimitExceeded", "too many", null);
            case "snapshot-limit-workflow" -> new WorkflowFailedException(new WorkflowResult(List.of(new VolumeOutcome("/dev/sdf",
                    "/mnt/solr", "vol-1", null, VolumeStep.CREATE_SNAPSHOT, VolumeOutcome.Status.FAILED, null, "too many pending", null)),
                    null, new Ec2Exception.SnapshotLimitExceeded("ConcurrentSnapshotLimitExceeded", "too many", null)));
            case "ec2-invalid-request" -> new Ec2Exception.InvalidRequest("InvalidParameterValue", "bad size", null);
            case "ec2-denied" -> new Ec2Exception.Denied("UnauthorizedOperation", "not allowed", null);
            case "ec2-unsupported" -> new Ec2Exception.Unsupported(null, "no CreateSnapshots", null);
            case "ec2-wait-failed" -> new Ec2Exception.WaitFailed("snapshot stayed pending");
            case "ec2-unavailable" -> new Ec2Exception.Unavailable(null, "connection refused", null);
            case "host-command" -> new HostCommandException("mkfs failed", List.of("/sbin/mkfs.ext4", "/dev/xvdf"), 1, "", SECRET, null);
            default -> new IllegalStateException(SECRET);
        };
    }

    @PostMapping("/test/echo")
    Echo echo(@Valid @RequestBody Echo body, @RequestParam(defaultValue = "0") int wait) {
        return body;
    }

    record Echo(@NotBlank String name, @Min(0) int count, List<Object> tags) {}
}
