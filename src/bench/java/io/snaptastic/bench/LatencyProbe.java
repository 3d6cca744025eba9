package io.snaptastic.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Sends GET requests at a fixed rate while a condition holds, and measures each from the moment it was
 * due, not from when it was sent, so a slow answer that delays the next ones is counted in full.
 */
final class LatencyProbe {

    record Samples(List<Long> micros, int failures) {}

    private LatencyProbe() {}

    static Samples run(URI uri, String token, int perSecond, BooleanSupplier keepGoing, Duration limit)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        int[] failures = {0};
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        try {
            ticker.scheduleAtFixedRate(() -> {
                long due = System.nanoTime();
                HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(10)).build();
                pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error != null || response.statusCode() != 200) {
                        synchronized (failures) {
                            failures[0]++;
                        }
                    } else {
                        micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due));
                    }
                }));
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            while (keepGoing.getAsBoolean() && System.nanoTime() - started < limit.toNanos()) {
                Thread.sleep(20);
            }
        } finally {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
        for (CompletableFuture<?> future : new ArrayList<>(pending)) {
            try {
                future.get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                // counted as a failure by its own callback
            }
        }
        return new Samples(new ArrayList<>(micros), failures[0]);
    }
}
