package io.snaptastic.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The mounts of this process's mount namespace, read fresh from mountinfo on every call. */
public class MountTable {

    private static final Path PROC_MOUNTINFO = Path.of("/proc/self/mountinfo");

    private final Path mountInfo;

    public MountTable() {
        this(PROC_MOUNTINFO);
    }

    public MountTable(Path mountInfo) {
        this.mountInfo = mountInfo;
    }

    public List<MountEntry> entries() {
        try {
            return MountInfoParser.parse(Files.readString(mountInfo, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mountInfo, e);
        }
    }

    /** The mount that is visible at the mount point: the top one when several are stacked there. */
    public Optional<MountEntry> at(String mountPoint) {
        return read().at(mountPoint);
    }

    /** The table as read once, for a listing that looks up many mount points (one read, one parse). */
    public Mounts read() {
        return new Mounts(entries());
    }

    /** The mount table at one moment. */
    public record Mounts(List<MountEntry> entries) {

        /** The mount visible at the mount point: the top one when several are stacked there. */
        public Optional<MountEntry> at(String mountPoint) {
            return topmost(entries, mountPoint);
        }
    }

    /** The mount that holds the path: the one with the longest mount point that is a prefix of it. */
    public Optional<MountEntry> containing(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        List<MountEntry> entries = entries();
        return entries.stream()
                .map(MountEntry::mountPoint)
                .filter(mountPoint -> absolute.startsWith(Path.of(mountPoint)))
                .max((a, b) -> Integer.compare(Path.of(a).getNameCount(), Path.of(b).getNameCount()))
                .flatMap(mountPoint -> topmost(entries, mountPoint));
    }

    /** The mount at {@code /}. */
    public Optional<MountEntry> root() {
        return at("/");
    }

    private static Optional<MountEntry> topmost(List<MountEntry> entries, String mountPoint) {
        List<MountEntry> stacked = entries.stream()
                .filter(entry -> entry.mountPoint().equals(mountPoint))
                .collect(Collectors.toList());
        // A mount over another one at the same point has the one below as its parent; the top one is
        // nobody's parent there. The later line wins if the ids say nothing.
        Set<Integer> parents = stacked.stream().map(MountEntry::parentId).collect(Collectors.toSet());
        for (int i = stacked.size() - 1; i >= 0; i--) {
            if (!parents.contains(stacked.get(i).mountId())) {
                return Optional.of(stacked.get(i));
            }
        }
        return stacked.isEmpty() ? Optional.empty() : Optional.of(stacked.get(stacked.size() - 1));
    }
}
