package io.snaptastic.host;

import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostException.HostCommandTimeoutException;
import io.snaptastic.support.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs commands with {@link ProcessBuilder}; the one class in the agent that holds a {@link Process}. */
public class ProcessHostExecutor implements HostExecutor {

    private static final Logger log = LoggerFactory.getLogger(ProcessHostExecutor.class);

    @Override
    public CommandResult execute(Command command) {
        log.debug("running {}", command.argv());
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().putAll(command.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new HostCommandException("could not start", command.argv(), -1, "", e.getMessage(), e);
        }
        // Both streams are drained on their own threads: a program that fills one pipe while we
        // block on the other would otherwise never finish.
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        long deadline = System.nanoTime() + command.timeout().toNanos();
        try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new HostCommandTimeoutException(command, collected(stdout), collected(stderr));
            }
            // A program may leave a background child holding its pipes open; the time limit still holds.
            CommandResult result = new CommandResult(
                    process.exitValue(), stdout.get(remaining(deadline), TimeUnit.NANOSECONDS),
                    stderr.get(remaining(deadline), TimeUnit.NANOSECONDS));
            log.debug("{} exited {}", command.program(), result.exitCode());
            return result;
        } catch (InterruptedException e) {
            kill(process);
            String out = collected(stdout);
            String err = collected(stderr);
            // Restored only now: with the flag set, collecting the output would clear it again.
            Thread.currentThread().interrupt();
            throw new HostCommandException("interrupted", command.argv(), -1, out, err, e);
        } catch (TimeoutException e) {
            throw new HostCommandTimeoutException(command, "", "");
        } catch (ExecutionException e) {
            kill(process);
            throw new HostCommandException("could not read output", command.argv(), -1, "", "", e.getCause());
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.transferTo(out);
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, ProcessHostExecutor::startDaemon);
    }

    private static void startDaemon(Runnable runnable) {
        Threads.daemon("host-command-output").newThread(runnable).start();
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Whatever a killed command had printed; its pipes close once it is gone. */
    private static String collected(CompletableFuture<String> stream) {
        try {
            return stream.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }
}
