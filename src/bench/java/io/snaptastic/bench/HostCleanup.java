package io.snaptastic.bench;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Releases whatever a run left under its temporary root: thaws and unmounts every mount below it,
 * detaches the loop devices of the sandbox's volume and snapshot files, and deletes the directory.
 */
final class HostCleanup {

    private static final ProcessHostExecutor HOST = new ProcessHostExecutor();

    private HostCleanup() {}

    static void release(Path root) {
        try {
            if (!Files.exists(root)) {
                return;
            }
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .filter(point -> point.startsWith(root + "/"))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            for (String point : mounts) {
                run("fsfreeze", "-u", point);
                run("umount", "-l", point);
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/sandbox/")).toList()) {
                    String loops = run("losetup", "-j", file.toString());
                    for (String line : loops.split("\n")) {
                        if (line.startsWith("/dev/loop")) {
                            run("losetup", "--detach", line.substring(0, line.indexOf(':')));
                        }
                    }
                }
            }
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: could not fully release " + root + ": " + e);
        }
    }

    private static String run(String... argv) {
        return HOST.execute(Command.of(argv).withTimeout(Duration.ofSeconds(30))).stdout();
    }
}
