package io.snaptastic.host.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.CommandResult;
import io.snaptastic.host.Filesystems;
import io.snaptastic.host.HostException.FreezeRefusedException;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.HostFixture;
import io.snaptastic.host.MountTable;
import io.snaptastic.host.Mounter;
import io.snaptastic.host.ProcessHostExecutor;
import io.snaptastic.host.UtilLinuxMounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Freezes real filesystems on loop devices, mounted under a temp dir that is itself on the root filesystem. */
class FreezerHostTests {

    final HostExecutor executor = new ProcessHostExecutor();
    final ExecutorService writers = Executors.newCachedThreadPool();
    HostFixture host;
    Path stateDir;
    Freezer freezer;
    String first;
    String second;

    @BeforeEach
    void mountTwoFilesystems() throws IOException {
        host = HostFixture.create();
        stateDir = Files.createDirectories(host.dir().resolve("state"));
        freezer = new RecordingFreezer(executor, new MountTable(), stateDir);
        Filesystems filesystems = new Filesystems(executor, new MountTable());
        Mounter mounter = new UtilLinuxMounter(executor, new MountTable());
        first = host.mountPoint("first");
        second = host.mountPoint("second");
        for (String mountPoint : List.of(first, second)) {
            Path device = host.loop(Path.of(mountPoint).getFileName().toString(), 64 << 20).device();
            filesystems.format(device, "ext4", false);
            mounter.mount(device, mountPoint, "ext4", List.of("defaults"));
        }
    }

    @AfterEach
    void releaseEverything() throws Exception {
        try {
            if (freezer != null) {
                freezer.close();
            }
        } finally {
            if (host != null) {
                // Thaws, so a writer blocked on a frozen filesystem finishes before it is unmounted.
                host.close();
            }
            writers.shutdownNow();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWriterBlocksWhileFrozenAndContinuesAfterTheThaw() {
        FrozenFilesystems frozen = freezer.freeze(List.of(first, second), Duration.ofSeconds(60));
        assertThat(frozen(first)).isTrue();
        assertThat(frozen(second)).isTrue();
        assertThat(records()).hasSize(1);

        CompletableFuture<Void> writer = write(Path.of(second, "written-while-frozen"));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> !writer.isDone());

        frozen.close();

        await().atMost(Duration.ofSeconds(20)).until(writer::isDone);
        assertThat(writer).isCompleted();
        assertThat(frozen(first)).isFalse();
        assertThat(frozen(second)).isFalse();
        assertThat(frozen.frozenFor()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(frozen.thawedByWatchdog()).isFalse();
        assertThat(records()).isEmpty();
    }

    @Test
    void theWatchdogThawsAForgottenFreeze() {
        FrozenFilesystems frozen = freezer.freeze(List.of(first, second), Duration.ofSeconds(1));
        CompletableFuture<Void> writer = write(Path.of(first, "written-after-the-watchdog"));

        await().atMost(Duration.ofSeconds(20)).until(writer::isDone);

        assertThat(writer).isCompleted();
        assertThat(frozen.thawedByWatchdog()).isTrue();
        assertThat(frozen(first)).isFalse();
        assertThat(frozen(second)).isFalse();
        assertThat(records()).isEmpty();
    }

    @Test
    void aFreezeRecordedByAKilledAgentIsThawedAtTheNextStart() throws IOException {
        executor.run(HostFixture.command("fsfreeze", "-f", "--", first));
        Files.createDirectories(stateDir.resolve("frozen"));
        Files.writeString(stateDir.resolve("frozen/killed-agent.frozen"), first + "\n" + second + "\n");
        assertThat(frozen(first)).isTrue();

        new RecordingFreezer(executor, new MountTable(), stateDir).thawRecorded();

        assertThat(frozen(first)).isFalse();
        assertThat(frozen(second)).isFalse();
        assertThat(records()).isEmpty();
    }

    @Test
    void refusesTheFilesystemOfItsStateDir() {
        Freezer onFirst = new RecordingFreezer(executor, new MountTable(), Path.of(first, "state"));

        assertThatExceptionOfType(FreezeRefusedException.class)
                .isThrownBy(() -> onFirst.freeze(List.of(second, first), Duration.ofSeconds(5)));
        assertThat(frozen(second)).isFalse();
        onFirst.close();
    }

    /**
     * Whether the filesystem is frozen, asked without side effects for the test: freezing a frozen
     * filesystem fails with EBUSY, freezing a thawed one succeeds and is undone at once.
     */
    private boolean frozen(String mountPoint) {
        CommandResult result = executor.execute(HostFixture.command("fsfreeze", "-f", "--", mountPoint));
        if (result.succeeded()) {
            executor.run(HostFixture.command("fsfreeze", "-u", "--", mountPoint));
            return false;
        }
        assertThat(result.stderr()).contains("Device or resource busy");
        return true;
    }

    private CompletableFuture<Void> write(Path file) {
        return CompletableFuture.runAsync(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap("written".getBytes()));
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writers);
    }

    private List<Path> records() {
        try (Stream<Path> files = Files.list(stateDir.resolve("frozen"))) {
            return files.filter(file -> file.toString().endsWith(".frozen")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
