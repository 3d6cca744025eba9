package io.snaptastic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.CommandResult;
import io.snaptastic.host.Filesystems;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.HostFixture;
import io.snaptastic.host.MountTable;
import io.snaptastic.host.freeze.RecordingFreezer;
import io.snaptastic.host.UtilLinuxMounter;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code snaptastic thaw} on a real filesystem on a loop device, frozen by the agent's real Freezer (so
 * a real freeze record is written) and left frozen as a killed agent leaves it; no agent and no Spring.
 */
class ThawCommandHostTests {

    final HostExecutor executor = new ProcessHostExecutor();
    final ExecutorService writers = Executors.newCachedThreadPool();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    HostFixture host;
    Path stateDir;
    Freezer agentFreezer;
    String mountPoint;

    @BeforeEach
    void mountAFilesystem() throws IOException {
        host = HostFixture.create();
        stateDir = Files.createDirectories(host.dir().resolve("state"));
        mountPoint = host.mountPoint("data");
        Path device = host.loop("data", 64 << 20).device();
        new Filesystems(executor, new MountTable()).format(device, "ext4", false);
        new UtilLinuxMounter(executor, new MountTable()).mount(device, mountPoint, "ext4", List.of("defaults"));
        agentFreezer = new RecordingFreezer(executor, new MountTable(), stateDir);
    }

    @AfterEach
    void releaseEverything() throws Exception {
        try {
            agentFreezer.close();
        } finally {
            // Thaws and unmounts, so a writer blocked on the frozen filesystem finishes first.
            host.close();
            writers.shutdownNow();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void thawsWhatTheAgentLeftFrozenAndRemovesItsRecord() {
        agentFreezer.freeze(List.of(mountPoint), Duration.ofMinutes(10));
        assertThat(records()).hasSize(1);
        CompletableFuture<Void> writer = write(Path.of(mountPoint, "written-while-frozen"));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> !writer.isDone());

        int exit = thaw();

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("thawed " + mountPoint);
        await().atMost(Duration.ofSeconds(20)).until(writer::isDone);
        assertThat(writer).as("the write went through").isCompletedWithValue(null);
        assertThat(records()).as("the record is gone").isEmpty();
        assertThat(thaw()).as("a second thaw finds nothing to do").isEqualTo(ExitCode.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing is recorded as frozen");
    }

    @Test
    void aRecordedFilesystemThatIsNoLongerFrozenCountsAsThawed() {
        agentFreezer.freeze(List.of(mountPoint), Duration.ofMinutes(10));
        // Thawed behind the record's back: fsfreeze -u now answers EINVAL, which is not a failure.
        executor.run(HostFixture.command("fsfreeze", "-u", "--", mountPoint));
        CommandResult again = executor.execute(HostFixture.command("fsfreeze", "-u", "--", mountPoint));
        assertThat(again.succeeded()).as("a thaw of a thawed filesystem fails in fsfreeze itself").isFalse();

        assertThat(thaw()).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);

        assertThat(records()).isEmpty();
    }

    @Test
    void aRecordedMountPointThatIsNoLongerMountedIsSkippedAndItsRecordRemoved() {
        agentFreezer.freeze(List.of(mountPoint), Duration.ofMinutes(10));
        executor.run(HostFixture.command("fsfreeze", "-u", "--", mountPoint));
        executor.run(HostFixture.command("umount", "--", mountPoint));

        assertThat(thaw()).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);

        assertThat(records()).isEmpty();
    }

    private int thaw() {
        return new Cli(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC())
                .run("thaw", "--state-dir", stateDir.toString());
    }

    private List<Path> records() {
        Path dir = stateDir.resolve("frozen");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".frozen")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<Void> write(Path file) {
        return CompletableFuture.runAsync(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap("written".getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writers);
    }
}
