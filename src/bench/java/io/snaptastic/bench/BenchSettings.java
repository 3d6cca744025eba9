package io.snaptastic.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the bench measures and with what, from environment variables with the documented defaults
 * (BENCH_REPEAT, BENCH_STARTUP_REPEAT, BENCH_SEED_REPEAT, BENCH_SIZES, BENCH_SECTIONS, BENCH_CHAOS_ROUNDS,
 * BENCH_CHAOS_SEED, JAVA17, JAVA25).
 *
 * @param startupRepeat rounds of the start-up ways: cheap (about 16 s a round), and a start-up moves
 *     with the machine's load more than the workload's figures do, so more of them than of the rest
 * @param chaosRounds kills of the chaos section
 * @param chaosSeed the chaos section's seed, to replay a run's draws; null for a new one
 */
record BenchSettings(
        Path repo,
        Path jar,
        Path out,
        String java17,
        String java25,
        int repeat,
        int startupRepeat,
        int seedRepeat,
        List<Integer> sizes,
        Set<String> sections,
        Duration callLatency,
        Duration stateDelay,
        Duration snapshotLatency,
        int requestRate,
        Duration idleProbe,
        List<String> bareClasspath,
        int chaosRounds,
        Long chaosSeed) {

    static BenchSettings fromEnvironment() throws java.io.IOException {
        Path repo = Path.of("").toAbsolutePath();
        List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(":"));
        return new BenchSettings(
                repo,
                repo.resolve("target/snaptastic.jar"),
                repo.resolve("bench/out"),
                env("JAVA17", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"),
                env("JAVA25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"),
                Integer.parseInt(env("BENCH_REPEAT", "3")),
                Integer.parseInt(env("BENCH_STARTUP_REPEAT", "7")),
                Integer.parseInt(env("BENCH_SEED_REPEAT", "1")),
                Arrays.stream(env("BENCH_SIZES", "1,4,8,16").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                Arrays.stream(env("BENCH_SECTIONS", "workload,startup").split(",")).map(String::trim).collect(Collectors.toSet()),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofMillis(200),
                50,
                Duration.ofSeconds(5),
                classpath,
                Integer.parseInt(env("BENCH_CHAOS_ROUNDS", "100")),
                System.getenv("BENCH_CHAOS_SEED") == null ? null : Long.valueOf(System.getenv("BENCH_CHAOS_SEED")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
