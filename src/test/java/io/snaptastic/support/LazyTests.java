package io.snaptastic.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTests {

    @Test
    void computesNothingUntilFirstUseAndThenOnlyOnce() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> memoized = new Lazy<>(() -> "client " + calls.incrementAndGet());

        assertThat(memoized.ifComputed()).isNull();
        assertThat(calls).hasValue(0);
        assertThat(memoized.get()).isEqualTo("client 1");
        assertThat(memoized.get()).isEqualTo("client 1");
        assertThat(memoized.ifComputed()).isEqualTo("client 1");
        assertThat(calls).hasValue(1);
    }

    @Test
    void triesAgainAfterAFailure() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> memoized = new Lazy<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("no region yet");
            }
            return "client";
        });

        assertThatThrownBy(memoized::get).hasMessage("no region yet");
        assertThat(memoized.get()).isEqualTo("client");
        assertThat(calls).hasValue(2);
    }
}
