package io.snaptastic.host.freeze;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostException.HostCommandTimeoutException;
import io.snaptastic.host.HostExecutor;
import java.time.Duration;
import io.snaptastic.support.Threads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs {@code fsfreeze -f} or {@code -u} on several mount points at once, all under one deadline. */
final class ParallelFsfreeze implements AutoCloseable {

    private final HostExecutor executor;
    private final ExecutorService workers = Executors.newCachedThreadPool(Threads.numberedDaemons("freezer"));

    ParallelFsfreeze(HostExecutor executor) {
        this.executor = executor;
    }

    /** Freezes every mount point; returns the failures, a freeze past the deadline among them. */
    List<RuntimeException> freeze(List<String> mountPoints, Duration timeout) {
        return run(mountPoints, "-f", timeout, false);
    }

    /** Thaws every mount point; one the kernel says is not frozen counts as thawed. */
    List<RuntimeException> thaw(List<String> mountPoints, Duration timeout) {
        return run(mountPoints, "-u", timeout, true);
    }

    /** The command a freeze of the mount point runs; for the failure of a freeze the watchdog ended. */
    static Command freezeCommand(String mountPoint, Duration timeout) {
        return fsfreeze("-f", mountPoint, timeout);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private List<RuntimeException> run(List<String> mountPoints, String action, Duration timeout, boolean thawing) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Command, Future<CommandResult>> running = new LinkedHashMap<>();
        for (String mountPoint : mountPoints) {
            Command command = fsfreeze(action, mountPoint, timeout);
            running.put(command, submit(command));
        }
        List<RuntimeException> failures = new ArrayList<>();
        running.forEach((command, future) -> awaitResult(command, future, deadline, thawing).ifPresent(failures::add));
        return failures;
    }

    private static Optional<RuntimeException> awaitResult(
            Command command, Future<CommandResult> future, long deadline, boolean thawing) {
        String action = command.argv().get(1);
        try {
            CommandResult result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!result.succeeded() && !(thawing && notFrozen(result))) {
                return Optional.of(new HostCommandException("fsfreeze " + action + " failed", command, result));
            }
            return Optional.empty();
        } catch (TimeoutException e) {
            future.cancel(true);
            return Optional.of(new HostCommandTimeoutException(command, "", ""));
        } catch (ExecutionException e) {
            return Optional.of(e.getCause() instanceof RuntimeException cause ? cause
                    : new HostCommandException("fsfreeze " + action + " failed", command.argv(), -1, "", "", e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Optional.of(new HostCommandException("interrupted", command.argv(), -1, "", "", e));
        }
    }

    /** On the workers; in this thread once they are shut down, so a thaw after shutdown still runs. */
    private Future<CommandResult> submit(Command command) {
        try {
            return workers.submit(() -> executor.execute(command));
        } catch (RejectedExecutionException e) {
            FutureTask<CommandResult> inline = new FutureTask<>(() -> executor.execute(command));
            inline.run();
            return inline;
        }
    }

    private static Command fsfreeze(String action, String mountPoint, Duration timeout) {
        return Command.of("fsfreeze", action, "--", mountPoint).withTimeout(timeout);
    }

    /** The kernel answers EINVAL to a thaw of a filesystem that is not frozen (FIFREEZE/FITHAW, fsfreeze(8)). */
    private static boolean notFrozen(CommandResult result) {
        return result.stderr().contains("Invalid argument");
    }

}
