package io.snaptastic.host.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.CommandResult;
import io.snaptastic.host.HostException.FreezeRefusedException;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The freezer against a fake host that answers fsfreeze in parallel and remembers what ran. */
class FreezerTests {

    static final CommandResult OK = new CommandResult(0, "", "");

    @TempDir
    Path dir;

    Path mountInfo;
    Path stateDir;
    final List<List<String>> ran = Collections.synchronizedList(new ArrayList<>());
    Function<List<String>, CommandResult> answer = argv -> OK;
    Freezer freezer;

    @BeforeEach
    void setUp() throws IOException {
        stateDir = Files.createDirectories(dir.resolve("state")).toRealPath();
        mountInfo = dir.resolve("mountinfo");
        Files.writeString(mountInfo, """
                27 1 254:0 / / rw - ext4 /dev/vda rw
                40 27 259:1 / /mnt/a rw - ext4 /dev/nvme1n1 rw
                41 27 259:2 / /mnt/b rw - xfs /dev/nvme2n1 rw
                42 27 259:1 / /mnt/a-again rw - ext4 /dev/nvme1n1 rw
                43 27 254:0 /srv /mnt/root-bind rw - ext4 /dev/vda rw
                44 27 259:9 / %s rw - ext4 /dev/nvme9n1 rw
                45 27 259:9 /other /mnt/state-too rw - ext4 /dev/nvme9n1 rw
                """.formatted(stateDir.getParent()));
        HostExecutor host = command -> {
            ran.add(command.argv());
            return answer.apply(command.argv());
        };
        freezer = new RecordingFreezer(host, new MountTable(mountInfo), stateDir);
    }

    @AfterEach
    void closeFreezer() {
        freezer.close();
    }

    @Test
    void freezesAllAndThawsAllOnClose() {
        FrozenFilesystems frozen = freezer.freeze(List.of("/mnt/a", "/mnt/b"), Duration.ofSeconds(30));

        assertThat(ran).containsExactlyInAnyOrder(fsfreeze("-f", "/mnt/a"), fsfreeze("-f", "/mnt/b"));
        assertThat(records()).hasSize(1);
        ran.clear();

        frozen.close();
        frozen.close();

        assertThat(ran).containsExactlyInAnyOrder(fsfreeze("-u", "/mnt/a"), fsfreeze("-u", "/mnt/b"));
        assertThat(records()).isEmpty();
        assertThat(frozen.thawedByWatchdog()).isFalse();
        assertThat(frozen.frozenFor()).isEqualTo(frozen.frozenFor()).isPositive();
    }

    @Test
    void recordsTheFreezeBeforeFreezing() {
        // Both freezes run side by side, so both may add at once.
        List<List<String>> recordedWhenFreezing = new java.util.concurrent.CopyOnWriteArrayList<>();
        answer = argv -> {
            if (argv.contains("-f")) {
                records().forEach(record -> recordedWhenFreezing.add(read(record)));
            }
            return OK;
        };

        freezer.freeze(List.of("/mnt/a", "/mnt/b"), Duration.ofSeconds(30)).close();

        assertThat(recordedWhenFreezing).hasSize(2).allSatisfy(mountPoints ->
                assertThat(mountPoints).containsExactly("/mnt/a", "/mnt/b"));
    }

    @Test
    void freezesEachFilesystemOnceWhateverMountPointNamesIt() {
        FrozenFilesystems frozen = freezer.freeze(List.of("/mnt/a", "/mnt/a-again"), Duration.ofSeconds(30));

        assertThat(frozen.mountPoints()).containsExactly("/mnt/a");
        assertThat(ran).containsExactly(fsfreeze("-f", "/mnt/a"));
        frozen.close();
    }

    @Test
    void refusesTheRootFilesystemUnderAnyName() {
        assertThatExceptionOfType(FreezeRefusedException.class)
                .isThrownBy(() -> freezer.freeze(List.of("/mnt/a", "/"), Duration.ofSeconds(30)));
        assertThatExceptionOfType(FreezeRefusedException.class)
                .isThrownBy(() -> freezer.freeze(List.of("/mnt/root-bind"), Duration.ofSeconds(30)))
                .withMessageContaining("root filesystem");
        assertThat(ran).isEmpty();
        assertThat(records()).isEmpty();
    }

    @Test
    void refusesTheFilesystemOfTheStateDir() {
        assertThatExceptionOfType(FreezeRefusedException.class)
                .isThrownBy(() -> freezer.freeze(List.of("/mnt/state-too"), Duration.ofSeconds(30)))
                .withMessageContaining("state dir");
        assertThat(ran).isEmpty();
    }

    @Test
    void refusesAPathThatIsNotAMountPoint() {
        assertThatExceptionOfType(FreezeRefusedException.class)
                .isThrownBy(() -> freezer.freeze(List.of("/mnt/a/data"), Duration.ofSeconds(30)))
                .withMessageContaining("not a mount point");
        assertThat(ran).isEmpty();
    }

    @Test
    void refusesAFilesystemItHasFrozenAlready() {
        try (FrozenFilesystems frozen = freezer.freeze(List.of("/mnt/a"), Duration.ofSeconds(30))) {
            assertThatExceptionOfType(FreezeRefusedException.class)
                    .isThrownBy(() -> freezer.freeze(List.of("/mnt/b", "/mnt/a"), Duration.ofSeconds(30)))
                    .withMessageContaining("already frozen");
        }
        freezer.freeze(List.of("/mnt/a"), Duration.ofSeconds(30)).close();
    }

    @Test
    void thawsWhatItFrozeWhenOneFreezeFails() {
        answer = argv -> argv.equals(fsfreeze("-f", "/mnt/b")) ? new CommandResult(1, "", "Operation not supported") : OK;

        assertThatExceptionOfType(HostCommandException.class)
                .isThrownBy(() -> freezer.freeze(List.of("/mnt/a", "/mnt/b"), Duration.ofSeconds(30)))
                .withMessageContaining("Operation not supported");

        assertThat(ran).contains(fsfreeze("-u", "/mnt/a"), fsfreeze("-u", "/mnt/b"));
        assertThat(records()).isEmpty();
    }

    @Test
    void theWatchdogThawsAForgottenFreeze() {
        FrozenFilesystems frozen = freezer.freeze(List.of("/mnt/a"), Duration.ofMillis(300));

        await().atMost(Duration.ofSeconds(10)).until(frozen::thawed);

        assertThat(frozen.thawedByWatchdog()).isTrue();
        assertThat(ran).containsExactly(fsfreeze("-f", "/mnt/a"), fsfreeze("-u", "/mnt/a"));
        assertThat(records()).isEmpty();
        frozen.close();
        assertThat(ran).hasSize(2);
    }

    @Test
    void takesAFilesystemThatIsNotFrozenAsThawed() {
        answer = argv -> argv.contains("-u") ? new CommandResult(1, "", "fsfreeze: unfreeze failed: Invalid argument") : OK;

        freezer.freeze(List.of("/mnt/a"), Duration.ofSeconds(30)).close();

        assertThat(records()).isEmpty();
    }

    @Test
    void keepsTheRecordWhenAThawFails() {
        answer = argv -> argv.contains("-u") ? new CommandResult(1, "", "fsfreeze: cannot open: Permission denied") : OK;
        FrozenFilesystems frozen = freezer.freeze(List.of("/mnt/a"), Duration.ofSeconds(30));

        assertThatExceptionOfType(HostCommandException.class).isThrownBy(frozen::close);

        assertThat(records()).hasSize(1);
        answer = argv -> OK;
    }

    @Test
    void thawsWhatARecordLeftBehindIfItIsStillMounted() throws IOException {
        Files.createDirectories(stateDir.resolve("frozen"));
        Files.writeString(stateDir.resolve("frozen/killed.frozen"), "/mnt/a\n/mnt/gone\n../bad\n");

        freezer.thawRecorded();

        assertThat(ran).containsExactly(fsfreeze("-u", "/mnt/a"));
        assertThat(records()).isEmpty();
    }

    @Test
    void aHolderThatClosesAfterShutdownStillThaws() {
        FrozenFilesystems frozen = freezer.freeze(List.of("/mnt/a"), Duration.ofSeconds(30));
        Freezer other = new RecordingFreezer(command -> {
            ran.add(command.argv());
            return OK;
        }, new MountTable(mountInfo), stateDir);
        other.close();

        assertThat(ran).containsExactly(fsfreeze("-f", "/mnt/a"), fsfreeze("-u", "/mnt/a"));
        freezer.close();
        frozen.close();

        assertThat(ran).endsWith(fsfreeze("-u", "/mnt/a"), fsfreeze("-u", "/mnt/a"));
    }

    private List<Path> records() {
        try (Stream<Path> files = Files.list(stateDir.resolve("frozen"))) {
            return files.filter(file -> file.toString().endsWith(".frozen")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> read(Path record) {
        try {
            return Files.readAllLines(record);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fsfreeze(String action, String mountPoint) {
        return List.of("fsfreeze", action, "--", mountPoint);
    }
}
