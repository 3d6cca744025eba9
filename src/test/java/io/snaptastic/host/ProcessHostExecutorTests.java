package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostException.HostCommandTimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real programs; the shell appears only here, as a test's way to script a child's behaviour. */
class ProcessHostExecutorTests {

    @TempDir
    Path dir;

    final ProcessHostExecutor executor = new ProcessHostExecutor();

    @AfterEach
    void killLeftovers() throws IOException {
        Path pidFile = dir.resolve("pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void returnsTheExitCodeAndBothStreams() {
        CommandResult result = executor.execute(sh("echo out; echo err >&2; exit 3"));

        assertThat(result).isEqualTo(new CommandResult(3, "out\n", "err\n"));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void passesTheEnvironmentAndNoInput() {
        CommandResult result = executor.execute(
                sh("echo \"$SNAPTASTIC_TEST\"; cat").withEnvironment(Map.of("SNAPTASTIC_TEST", "value")));

        assertThat(result.stdout()).isEqualTo("value\n");
    }

    @Test
    void drainsBothStreamsWhenEachExceedsThePipeBuffer() {
        // 1 MiB on each stream, interleaved: reading one pipe at a time would deadlock.
        CommandResult result = executor.execute(sh(
                "i=0; while [ $i -lt 16 ]; do head -c 65536 /dev/zero | tr '\\0' o; head -c 65536 /dev/zero | tr '\\0' e >&2;"
                        + " i=$((i+1)); done").withTimeout(Duration.ofSeconds(30)));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).hasSize(1 << 20).matches("o+");
        assertThat(result.stderr()).hasSize(1 << 20).matches("e+");
    }

    @Test
    void killsACommandThatOverrunsItsTimeout() throws IOException {
        Command command = sh("echo $$ > " + dir.resolve("pid") + "; echo started; exec sleep 60")
                .withTimeout(Duration.ofMillis(1500));
        long start = System.nanoTime();

        assertThatExceptionOfType(HostCommandTimeoutException.class)
                .isThrownBy(() -> executor.execute(command))
                .satisfies(e -> {
                    assertThat(e.exitCode()).isEqualTo(-1);
                    assertThat(e.argv()).isEqualTo(command.argv());
                    assertThat(e.stdout()).isEqualTo("started\n");
                });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void keepsTheTimeoutWhenABackgroundChildHoldsTheOutputOpen() throws Exception {
        Command command = sh("sleep 60 & echo $! > " + dir.resolve("pid")).withTimeout(Duration.ofSeconds(2));
        long start = System.nanoTime();

        // When the shell exits before the output is being read, the JDK keeps what was buffered and
        // closes the pipe, so the call returns at once; otherwise reading waits for the child, and the
        // time limit ends it. Either way it never waits for the child's 60 s.
        try {
            executor.execute(command);
        } catch (HostCommandTimeoutException expectedWhenTheChildHeldThePipe) {
            assertThat(expectedWhenTheChildHeldThePipe.exitCode()).isEqualTo(-1);
        } finally {
            long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void destroysTheProcessWhenTheCallerIsInterrupted() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                executor.execute(sh("echo $$ > " + dir.resolve("pid") + "; exec sleep 60").withTimeout(Duration.ofSeconds(60)));
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("pid"))
                && !Files.readString(dir.resolve("pid")).isBlank());
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());

        caller.interrupt();
        caller.join(Duration.ofSeconds(10).toMillis());

        assertThat(thrown.get()).isInstanceOf(HostCommandException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted.get()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void runThrowsATypedExceptionWithEverythingOnANonZeroExit() {
        Command command = sh("echo partial; echo 'no such device' >&2; exit 32");

        assertThatExceptionOfType(HostCommandException.class)
                .isThrownBy(() -> executor.run(command))
                .satisfies(e -> {
                    assertThat(e.argv()).isEqualTo(command.argv());
                    assertThat(e.exitCode()).isEqualTo(32);
                    assertThat(e.stdout()).isEqualTo("partial\n");
                    assertThat(e.stderr()).isEqualTo("no such device\n");
                    assertThat(e).hasMessageContaining("exit 32").hasMessageContaining("no such device");
                });
    }

    @Test
    void runReturnsTheResultOfASuccessfulCommand() {
        assertThat(executor.run(Command.of("echo", "a b", "--")).stdout()).isEqualTo("a b --\n");
    }

    @Test
    void reportsAProgramThatCannotStart() {
        assertThatExceptionOfType(HostCommandException.class)
                .isThrownBy(() -> executor.execute(Command.of("/nonexistent/snaptastic-program")))
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(-1))
                .withMessageContaining("could not start");
    }

    private static Command sh(String script) {
        return new Command(List.of("/bin/sh", "-c", script), Duration.ofSeconds(20), Map.of());
    }
}
