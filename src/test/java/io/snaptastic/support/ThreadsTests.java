package io.snaptastic.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class ThreadsTests {

    private static final Runnable NOTHING = () -> {};

    @Test
    void daemonThreadsAllCarryTheOneName() {
        ThreadFactory factory = Threads.daemon("snaptastic-reaper");

        assertThat(factory.newThread(NOTHING)).satisfies(thread -> {
            assertThat(thread.getName()).isEqualTo("snaptastic-reaper");
            assertThat(thread.isDaemon()).isTrue();
        });
        assertThat(factory.newThread(NOTHING).getName()).isEqualTo("snaptastic-reaper");
    }

    @Test
    void numberedThreadsCountFromOneForEachFactory() {
        ThreadFactory freezer = Threads.numberedDaemons("freezer");

        assertThat(freezer.newThread(NOTHING).getName()).isEqualTo("freezer-1");
        assertThat(freezer.newThread(NOTHING).getName()).isEqualTo("freezer-2");
        assertThat(Threads.numberedDaemons("freezer").newThread(NOTHING).getName()).isEqualTo("freezer-1");
        assertThat(freezer.newThread(NOTHING).isDaemon()).isTrue();
    }

    @Test
    void workersAreNoDaemonsSoTheJvmWaitsForThem() {
        Thread worker = Threads.numberedWorkers("snaptastic-operation").newThread(NOTHING);

        assertThat(worker.getName()).isEqualTo("snaptastic-operation-1");
        assertThat(worker.isDaemon()).isFalse();
    }
}
