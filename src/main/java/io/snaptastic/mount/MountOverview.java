package io.snaptastic.mount;

import io.snaptastic.host.MountEntry;
import io.snaptastic.host.Mounter;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What is mounted where, per snapshotter, read from the host alone (no EC2 call), so it is cheap to ask. */
public class MountOverview {

    private final SnapshotterRegistry registry;
    private final SnapshotterResolver resolver;
    private final Mounter mounter;

    public MountOverview(SnapshotterRegistry registry, SnapshotterResolver resolver, Mounter mounter) {
        this.registry = registry;
        this.resolver = resolver;
        this.mounter = mounter;
    }

    /** One snapshotter's mount points; {@code error} says why its volumes could not be resolved. */
    public record SnapshotterMounts(String snapshotter, List<MountPointState> mounts, String error) {}

    /** One mount point: whether it is mounted, from which device, with which filesystem. */
    public record MountPointState(String device, String mountPoint, boolean mounted, String source, String fileSystem) {}

    public List<SnapshotterMounts> all() {
        List<SnapshotterMounts> all = new ArrayList<>();
        Mounter.Mounts mounts = mounter.mounts();
        for (Snapshotter snapshotter : registry.all()) {
            try {
                SnapshotterContext context = resolver.resolve(snapshotter.name(), null);
                all.add(new SnapshotterMounts(snapshotter.name(), context.volumes().stream().map(v -> {
                    Optional<MountEntry> entry = mounts.at(v.mountPoint());
                    return new MountPointState(v.device(), v.mountPoint(), entry.isPresent(),
                            entry.map(MountEntry::source).orElse(null), entry.map(MountEntry::fsType).orElse(null));
                }).toList(), null));
            } catch (RuntimeException e) {
                all.add(new SnapshotterMounts(snapshotter.name(), List.of(), Failures.describe(e)));
            }
        }
        return all;
    }
}
