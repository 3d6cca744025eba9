package io.snaptastic.volume;

import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.problem.ProblemResponses;
import io.snaptastic.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists a snapshotter's volumes (the seed's list-volumes). */
@RestController
@Tag(name = "volumes", description = "A snapshotter's volumes as they stand")
class VolumeController {

    private final SnapshotterResolver resolver;
    private final VolumeService volumes;

    VolumeController(SnapshotterResolver resolver, VolumeService volumes) {
        this.resolver = resolver;
        this.volumes = volumes;
    }

    @GetMapping("/volumes")
    @Operation(operationId = "listVolumes", summary = "A snapshotter's volumes (list-volumes)", description = "Each "
            + "configured volume with the EBS volume attached at its device, its state, and the filesystem's usage when "
            + "mounted. Attachments are as EC2 told them at most 5 s ago, and renewed as every mount or unmount finishes, "
            + "so a listing after one shows it; mounts and usage are read from the host on every call.")
    @ProblemResponses({ProblemType.UNKNOWN_SNAPSHOTTER, ProblemType.INVALID_VOLUMES, ProblemType.MISSING_USERDATA,
            ProblemType.INVALID_USERDATA, ProblemType.EC2_DENIED, ProblemType.EC2_UNAVAILABLE, ProblemType.EC2_THROTTLED})
    List<VolumeStatus> listVolumes(@Parameter(description = "The snapshotter's name") @RequestParam String snapshotter) {
        return volumes.list(resolver.resolve(snapshotter, null));
    }
}
