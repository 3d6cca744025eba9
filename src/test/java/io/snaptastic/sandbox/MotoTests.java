package io.snaptastic.sandbox;

import io.snaptastic.host.Command;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where moto's own EC2 tests come from: a moto checkout named by {@code MOTO_TESTS_DIR}, or the files
 * of tag {@code 5.2.1} written out of the mirrored moto repository into a directory of the test's.
 * Nothing of moto's is kept in this project; the tests are read where they are, at run time.
 */
record MotoTests(Path root) {

    static final HostExecutor HOST = new ProcessHostExecutor();
    static final String TAG = "5.2.1";
    static final Path MIRROR = Path.of(System.getenv().getOrDefault("MOTO_GIT_DIR", "/work/.mirror/getmoto+moto/repo"));
    /** What the EBS and tag tests import: the tests package, its conftest, and the EC2 test package. */
    static final List<String> FILES = List.of("tests/__init__.py", "tests/conftest.py", "tests/markers.py", "tests/test_ec2");

    /** The tests, or empty with the reason why they are not on this machine. */
    static Optional<MotoTests> locate(Path workDir, List<String> skipReason) throws IOException, InterruptedException {
        String named = System.getenv("MOTO_TESTS_DIR");
        if (named != null && !named.isBlank()) {
            MotoTests given = new MotoTests(Path.of(named));
            if (given.has("tests/test_ec2/test_elastic_block_store.py")) {
                return Optional.of(given);
            }
            skipReason.add("MOTO_TESTS_DIR=" + named + " holds no tests/test_ec2/test_elastic_block_store.py");
            return Optional.empty();
        }
        if (!Files.isDirectory(MIRROR)) {
            skipReason.add("no moto tests: set MOTO_TESTS_DIR to a moto checkout, or MOTO_GIT_DIR to a bare clone (none at " + MIRROR + ")");
            return Optional.empty();
        }
        Path tar = workDir.resolve("moto-tests.tar");
        List<String> archive = new ArrayList<>(List.of("git", "--git-dir=" + MIRROR, "archive", "--format=tar", "-o", tar.toString(), TAG));
        archive.addAll(FILES);
        Path root = Files.createDirectories(workDir.resolve("moto"));
        HOST.run(new Command(archive, Duration.ofSeconds(120), Map.of()));
        HOST.run(Command.of("tar", "-xf", tar.toString(), "-C", root.toString()).withTimeout(Duration.ofSeconds(120)));
        return Optional.of(new MotoTests(root));
    }

    boolean has(String file) {
        return Files.isRegularFile(root.resolve(file));
    }
}
