package io.snaptastic.health;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeOutcome.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mount points the agent has mounted in this boot and not unmounted since, kept in a file in the
 * state dir so that an agent restart (and the journal forgetting old operations) does not make the
 * health check forget them. The file names the kernel's boot id: after a reboot no mount is left, and
 * the expectations of the earlier boot are dropped.
 */
public class ExpectedMounts {

    private static final Logger log = LoggerFactory.getLogger(ExpectedMounts.class);
    private static final Set<Status> MOUNTED = EnumSet.of(Status.DONE, Status.ALREADY_MOUNTED);

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private final Path file;
    private final String bootId;
    private final JsonMapper mapper =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private List<ExpectedMount> mounts;

    public ExpectedMounts(Path file) {
        this(file, currentBootId());
    }

    ExpectedMounts(Path file, String bootId) {
        this.file = file;
        this.bootId = bootId;
        this.mounts = read();
    }

    /** The file's shape: the boot the mounts were made in, and the mounts. */
    record Stored(String bootId, List<ExpectedMount> mounts) {}

    public synchronized List<ExpectedMount> all() {
        return mounts;
    }

    /** Follows a finished operation: a mount adds what it mounted, an unmount removes what it unmounted. */
    public synchronized void follow(Operation operation) {
        boolean dryRun = Boolean.TRUE.equals(operation.details().get("dryRun"));
        if (operation.type() == OperationType.MOUNT && !dryRun) {
            operation.volumes().stream().filter(v -> MOUNTED.contains(v.status()))
                    .forEach(v -> replace(operation.snapshotter(), v));
        } else if (operation.type() == OperationType.UNMOUNT) {
            List<ExpectedMount> kept = new ArrayList<>(mounts);
            kept.removeIf(m -> m.snapshotter().equals(operation.snapshotter())
                    && (operation.status() == OperationStatus.SUCCEEDED || unmounted(operation, m.mountPoint())));
            mounts = List.copyOf(kept);
        } else {
            return;
        }
        write();
    }

    private void replace(String snapshotter, VolumeOutcome volume) {
        List<ExpectedMount> next = new ArrayList<>(mounts);
        next.removeIf(m -> m.mountPoint().equals(volume.mountPoint()));
        next.add(new ExpectedMount(snapshotter, volume.device(), volume.mountPoint(), volume.volumeId()));
        mounts = List.copyOf(next);
    }

    private static boolean unmounted(Operation operation, String mountPoint) {
        return operation.volumes().stream()
                .anyMatch(v -> mountPoint.equals(v.mountPoint()) && v.status() == Status.DONE);
    }

    private List<ExpectedMount> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Stored stored = mapper.readValue(Files.readAllBytes(file), Stored.class);
            if (!bootId.equals(stored.bootId()) || stored.mounts() == null) {
                log.info("Expected mounts in {} are from another boot; starting from none", file);
                return List.of();
            }
            return List.copyOf(stored.mounts());
        } catch (IOException | JacksonException e) {
            // Health then checks only what is mounted from now on; the agent still starts.
            log.warn("Cannot read the expected mounts {}; starting from none ({})", file, e.getMessage());
            return List.of();
        }
    }

    private static String currentBootId() {
        try {
            return Files.readString(BOOT_ID).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void write() {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, mapper.writeValueAsBytes(new Stored(bootId, mounts)));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the expected mounts " + file, e);
        }
    }
}
