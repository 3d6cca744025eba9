package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultInjectorTests {

    final AtomicLong nanos = new AtomicLong();

    @Test
    void tokenBucketRefillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(new SandboxProperties.Bucket(2, 1.0), nanos::get);

        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
        nanos.addAndGet(500_000_000L);
        assertThat(bucket.tryTake()).isFalse();
        nanos.addAndGet(500_000_000L);
        assertThat(bucket.tryTake()).isTrue();
        nanos.addAndGet(60_000_000_000L);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).as("never more than its capacity").isFalse();
    }

    @Test
    void holdsAnAnswerUntilItsLatencyHasPassedSinceTheRequestArrived() {
        SandboxProperties.Faults faults = new SandboxProperties.Faults(
                Map.of("default", Duration.ofMillis(100), "CreateSnapshots", Duration.ofMillis(200)), null, 0, false, null);
        List<Duration> slept = new ArrayList<>();
        FaultInjector injector = new FaultInjector(faults, nanos::get, () -> 1.0, slept::add);

        long arrived = injector.arrival();
        nanos.addAndGet(Duration.ofMillis(80).toNanos());
        injector.holdAnswer("CreateSnapshots", arrived);
        long later = injector.arrival();
        nanos.addAndGet(Duration.ofMillis(150).toNanos());
        injector.holdAnswer("DescribeVolumes", later);

        assertThat(slept).as("the sandbox's own 80 ms count toward the 200 ms; 150 ms of work exceed 100 ms")
                .containsExactly(Duration.ofMillis(120));
    }

    @Test
    void throttlesEachActionWithItsOwnBucketOrTheDefault() {
        SandboxProperties.Faults faults = new SandboxProperties.Faults(null, Map.of(
                "default", new SandboxProperties.Bucket(1, 0), "DescribeVolumes", new SandboxProperties.Bucket(2, 0)), 0, false, null);
        FaultInjector injector = new FaultInjector(faults, nanos::get, () -> 1.0, duration -> { });

        injector.beforeAction("DescribeVolumes");
        injector.beforeAction("DescribeVolumes");
        injector.beforeAction("CreateVolume");
        Ec2Error throttled = catchThrowableOfType(Ec2Error.class, () -> injector.beforeAction("DescribeVolumes"));

        assertThat(throttled.code()).isEqualTo("RequestLimitExceeded");
        assertThat(throttled.status()).isEqualTo(503);
        assertThatThrownBy(() -> injector.beforeAction("CreateVolume")).isInstanceOf(Ec2Error.class);
        injector.beforeAction("DeleteVolume");
    }

    @Test
    void failsAtTheErrorRateWithAServerError() {
        double[] draws = {0.1, 0.2, 0.3, 0.9, 0.6};
        int[] next = {0};
        SandboxProperties.Faults faults = new SandboxProperties.Faults(null, null, 0.25, false, null);
        FaultInjector injector = new FaultInjector(faults, nanos::get, () -> draws[next[0]++], duration -> { });

        Ec2Error internal = catchThrowableOfType(Ec2Error.class, () -> injector.beforeAction("DescribeVolumes"));
        injector.beforeAction("DescribeVolumes");
        injector.beforeAction("DescribeVolumes");

        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.code()).isEqualTo("InternalError");
        assertThat(next[0]).isEqualTo(4);
    }

    @Test
    void losesTheAnswerOfAnActionAtItsOwnRateOrTheDefault() {
        double[] draws = {0.4, 0.9, 0.6, 0.1, 0.2};
        int[] next = {0};
        SandboxProperties.Faults faults = SandboxProperties.Faults.NONE.withLostAnswer(Map.of("default", 0.5, "CreateSnapshots", 1.0));
        FaultInjector injector = new FaultInjector(faults, nanos::get, () -> draws[next[0]++], duration -> { });

        Ec2Error lost = catchThrowableOfType(Ec2Error.class, () -> injector.afterAction("CreateSnapshots"));
        injector.afterAction("DescribeVolumes");
        Ec2Error lostByDefault = catchThrowableOfType(Ec2Error.class, () -> injector.afterAction("CreateVolume"));

        assertThat(lost.status()).as("0.4 < 1.0 lost; then 0.9 picks the 503").isEqualTo(503);
        assertThat(lost.code()).isEqualTo("Unavailable");
        assertThat(lostByDefault.status()).as("0.1 < 0.5 lost; then 0.2 picks the 500").isEqualTo(500);
        assertThat(next[0]).isEqualTo(5);
    }

    @Test
    void losesNoAnswerWhenNoRateIsSetAndNeverBeforeTheAction() {
        SandboxProperties.Faults faults = SandboxProperties.Faults.NONE.withLostAnswer(Map.of("CreateSnapshots", 1.0));
        FaultInjector injector = new FaultInjector(faults, nanos::get, () -> 0.0, duration -> { });

        injector.beforeAction("CreateSnapshots");
        injector.afterAction("DescribeSnapshots");

        assertThatThrownBy(() -> injector.afterAction("CreateSnapshots")).isInstanceOf(Ec2Error.class);
    }

    @Test
    void refusesALostAnswerRateOutsideZeroToOne() {
        assertThatThrownBy(() -> SandboxProperties.Faults.NONE.withLostAnswer(Map.of("CreateSnapshots", 1.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lost-answer.CreateSnapshots");
    }

    @Test
    void failsTheFirstCallsOfAnActionBeforeItRunsAndThenNoMore() {
        SandboxProperties.Faults faults = SandboxProperties.Faults.NONE.withFailFirst(Map.of("DeleteVolume", 2, "CreateVolume", 0));
        FaultInjector injector = new FaultInjector(faults, nanos::get, () -> 0.0, duration -> { });

        Ec2Error first = catchThrowableOfType(Ec2Error.class, () -> injector.beforeAction("DeleteVolume"));
        injector.beforeAction("DescribeVolumes");
        injector.beforeAction("CreateVolume");
        Ec2Error second = catchThrowableOfType(Ec2Error.class, () -> injector.beforeAction("DeleteVolume"));
        injector.beforeAction("DeleteVolume");
        injector.beforeAction("DeleteVolume");

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.code()).isEqualTo("InternalError");
        assertThat(second).as("the second of two").isNotNull();
    }

    @Test
    void refusesANegativeFailFirstCount() {
        assertThatThrownBy(() -> SandboxProperties.Faults.NONE.withFailFirst(Map.of("DeleteVolume", -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snaptastic.sandbox.faults.fail-first.DeleteVolume: must be 0 or more");
    }
}
