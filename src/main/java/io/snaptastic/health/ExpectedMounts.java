package io.snaptastic.health;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.VolumeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mount points the agent has mounted and not unmounted since, kept in a file in the state dir so
 * that a restart (and the journal forgetting old operations) does not make the health check forget them.
 */
public class ExpectedMounts {

    private static final Logger log = LoggerFactory.getLogger(ExpectedMounts.class);
    private static final Set<String> MOUNTED = Set.of("done", "already-mounted");

    private final Path file;
    private final JsonMapper mapper =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private List<ExpectedMount> mounts;

    public ExpectedMounts(Path file) {
        this.file = file;
        this.mounts = read();
    }

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

    private void replace(String snapshotter, VolumeResult volume) {
        List<ExpectedMount> next = new ArrayList<>(mounts);
        next.removeIf(m -> m.mountPoint().equals(volume.mountPoint()));
        next.add(new ExpectedMount(snapshotter, volume.device(), volume.mountPoint(), volume.volumeId()));
        mounts = List.copyOf(next);
    }

    private static boolean unmounted(Operation operation, String mountPoint) {
        return operation.volumes().stream()
                .anyMatch(v -> mountPoint.equals(v.mountPoint()) && "done".equals(v.status()));
    }

    private List<ExpectedMount> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.of(mapper.readValue(Files.readAllBytes(file), ExpectedMount[].class));
        } catch (IOException | JacksonException e) {
            // Health then checks only what is mounted from now on; the agent still starts.
            log.warn("Cannot read the expected mounts {}; starting from none ({})", file, e.getMessage());
            return List.of();
        }
    }

    private void write() {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, mapper.writeValueAsBytes(mounts.toArray(ExpectedMount[]::new)));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the expected mounts " + file, e);
        }
    }
}
