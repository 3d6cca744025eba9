package io.snaptastic.snapshotter;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** All snapshotters by name: the YAML ones and the user's own {@link Snapshotter} beans. */
public class SnapshotterRegistry {

    private final Map<String, Snapshotter> byName;

    public SnapshotterRegistry(List<Snapshotter> snapshotters) {
        Map<String, Snapshotter> map = new TreeMap<>();
        for (Snapshotter snapshotter : snapshotters) {
            if (map.putIfAbsent(snapshotter.name(), snapshotter) != null) {
                throw new IllegalStateException("two snapshotters are named '" + snapshotter.name() + "'");
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public Optional<Snapshotter> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    /** @throws UnknownSnapshotterException when no snapshotter has that name */
    public Snapshotter get(String name) {
        return find(name).orElseThrow(() -> new UnknownSnapshotterException(name));
    }

    public Collection<Snapshotter> all() {
        return byName.values();
    }
}
