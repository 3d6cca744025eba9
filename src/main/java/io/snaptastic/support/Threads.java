package io.snaptastic.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named thread factories, so that a thread dump says which part of the agent each thread belongs to. */
public final class Threads {

    private Threads() {}

    /** Daemon threads, each called {@code name}: the JVM exits without waiting for them. */
    public static ThreadFactory daemon(String name) {
        return runnable -> thread(runnable, name, true);
    }

    /** Daemon threads numbered {@code prefix-1}, {@code prefix-2} and so on. */
    public static ThreadFactory numberedDaemons(String prefix) {
        return numbered(prefix, true);
    }

    /** Threads numbered {@code prefix-1}, {@code prefix-2} and so on, that the JVM waits for at exit. */
    public static ThreadFactory numberedWorkers(String prefix) {
        return numbered(prefix, false);
    }

    private static ThreadFactory numbered(String prefix, boolean daemon) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> thread(runnable, prefix + "-" + count.incrementAndGet(), daemon);
    }

    private static Thread thread(Runnable runnable, String name, boolean daemon) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(daemon);
        return thread;
    }
}
