package io.snaptastic.volume;

import io.snaptastic.snapshotter.SnapshotterResolver;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists a snapshotter's volumes (the seed's list-volumes). */
@RestController
class VolumeController {

    private final SnapshotterResolver resolver;
    private final VolumeService volumes;

    VolumeController(SnapshotterResolver resolver, VolumeService volumes) {
        this.resolver = resolver;
        this.volumes = volumes;
    }

    @GetMapping("/volumes")
    List<VolumeStatus> list(@RequestParam String snapshotter) {
        return volumes.list(resolver.resolve(snapshotter, null));
    }
}
