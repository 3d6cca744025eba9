package io.snaptastic.e2e;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A synced write of a small file, waited for in bounded time: a writer on a frozen filesystem blocks
 * until the thaw, so it runs on a daemon thread of its own and the check cannot hang with it (the
 * release's {@code fsfreeze -u} lets it finish).
 */
final class WriteProbe {

    private WriteProbe() {}

    /** Whether the write (and its fsync) finished within the time; the probe file is removed after. */
    static boolean writes(Path probe, Duration within) {
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chaos-write-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<?> write = writer.submit(() -> {
                try (FileChannel file = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    file.write(StandardCharsets.UTF_8.encode("probe"));
                    file.force(true);
                }
                Files.delete(probe);
                return null;
            });
            write.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the write probe under " + probe.getParent() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            writer.shutdown();
        }
    }
}
