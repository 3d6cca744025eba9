package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.host.Command;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chaos drill's frozen check on a real filesystem: a write under a frozen mount point does not finish, and the check returns. */
@RequiresLoopDevices
class WriteProbeTests {

    private static final ProcessHostExecutor HOST = new ProcessHostExecutor();

    Path root;
    Path mountPoint;

    @BeforeEach
    void mountAnExt4Image() throws Exception {
        root = Files.createTempDirectory("snaptastic-write-probe").toRealPath();
        mountPoint = Files.createDirectories(root.resolve("mnt"));
        Path image = root.resolve("image");
        run("truncate", "-s", "64M", image.toString());
        run("mkfs.ext4", "-q", "-F", image.toString());
        run("mount", "-o", "loop", image.toString(), mountPoint.toString());
    }

    @AfterEach
    void release() {
        // Thaws, unmounts (mount -o loop frees its loop device with the unmount) and deletes.
        AgentUnderTest.release(root);
    }

    @Test
    void aWriteUnderAFrozenMountPointDoesNotFinishAndOneUnderAThawedOneDoes() {
        assertThat(WriteProbe.writes(mountPoint.resolve("probe"), Duration.ofSeconds(10))).as("not frozen").isTrue();

        run("fsfreeze", "-f", mountPoint.toString());

        assertThat(WriteProbe.writes(mountPoint.resolve("probe"), Duration.ofSeconds(2))).as("frozen").isFalse();
        run("fsfreeze", "-u", mountPoint.toString());
        assertThat(WriteProbe.writes(mountPoint.resolve("probe-2"), Duration.ofSeconds(10))).as("thawed").isTrue();
    }

    private static void run(String... argv) {
        HOST.run(Command.of(argv).withTimeout(Duration.ofSeconds(30)));
    }
}
