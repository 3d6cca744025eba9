package io.snaptastic.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's resources, kept in memory and written to one JSON file after every change (to a
 * temporary file first, then moved over the old one, so a crash never leaves half a file).
 * Callers that check and then change hold the store's monitor ({@code synchronized (store)}).
 */
final class SandboxStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private SandboxInstance instance;
    private final Map<String, SandboxVolume> volumes = new LinkedHashMap<>();
    private final Map<String, SandboxSnapshot> snapshots = new LinkedHashMap<>();

    private SandboxStore(Path file, SandboxState state) {
        this.file = file;
        this.instance = state.instance();
        state.volumes().forEach(volume -> volumes.put(volume.id(), volume));
        state.snapshots().forEach(snapshot -> snapshots.put(snapshot.id(), snapshot));
    }

    /** Reads the store from {@code file}, or starts a new one with {@code fresh} when there is none. */
    static SandboxStore open(Path file, Supplier<SandboxState> fresh) {
        try {
            if (Files.exists(file)) {
                return new SandboxStore(file, JSON.readValue(Files.readString(file), SandboxState.class));
            }
            SandboxStore store = new SandboxStore(file, fresh.get());
            store.save();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox state " + file, e);
        } catch (JacksonException e) {
            throw new IllegalStateException("the sandbox state " + file + " is not readable (" + e.getOriginalMessage()
                    + "); move it away to start with a fresh sandbox", e);
        }
    }

    synchronized SandboxInstance instance() {
        return instance;
    }

    synchronized void putInstance(SandboxInstance newInstance) {
        instance = newInstance;
        save();
    }

    synchronized List<SandboxVolume> volumes() {
        return new ArrayList<>(volumes.values());
    }

    synchronized Optional<SandboxVolume> volume(String id) {
        return Optional.ofNullable(volumes.get(id));
    }

    synchronized SandboxVolume existingVolume(String id) {
        return volume(id).orElseThrow(() -> Ec2Error.volumeNotFound(id));
    }

    synchronized void putVolume(SandboxVolume volume) {
        volumes.put(volume.id(), volume);
        save();
    }

    /** Changes the volume if it still exists; the changed volume, or empty when it is gone. */
    synchronized Optional<SandboxVolume> updateVolume(String id, UnaryOperator<SandboxVolume> change) {
        SandboxVolume volume = volumes.get(id);
        if (volume == null) {
            return Optional.empty();
        }
        SandboxVolume changed = change.apply(volume);
        putVolume(changed);
        return Optional.of(changed);
    }

    synchronized void removeVolume(String id) {
        if (volumes.remove(id) != null) {
            save();
        }
    }

    synchronized List<SandboxSnapshot> snapshots() {
        return new ArrayList<>(snapshots.values());
    }

    synchronized Optional<SandboxSnapshot> snapshot(String id) {
        return Optional.ofNullable(snapshots.get(id));
    }

    synchronized SandboxSnapshot existingSnapshot(String id) {
        return snapshot(id).orElseThrow(() -> Ec2Error.snapshotNotFound(id));
    }

    synchronized void putSnapshot(SandboxSnapshot snapshot) {
        snapshots.put(snapshot.id(), snapshot);
        save();
    }

    synchronized Optional<SandboxSnapshot> updateSnapshot(String id, UnaryOperator<SandboxSnapshot> change) {
        SandboxSnapshot snapshot = snapshots.get(id);
        if (snapshot == null) {
            return Optional.empty();
        }
        SandboxSnapshot changed = change.apply(snapshot);
        putSnapshot(changed);
        return Optional.of(changed);
    }

    synchronized void removeSnapshot(String id) {
        if (snapshots.remove(id) != null) {
            save();
        }
    }

    private void save() {
        SandboxState state = new SandboxState(instance, List.copyOf(volumes.values()), List.copyOf(snapshots.values()));
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox state " + file, e);
        }
    }

    /** What the state file holds. */
    record SandboxState(SandboxInstance instance, List<SandboxVolume> volumes, List<SandboxSnapshot> snapshots) {

        SandboxState {
            volumes = volumes == null ? List.of() : List.copyOf(volumes);
            snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
        }
    }
}
