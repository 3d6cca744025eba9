package io.snaptastic.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Volume;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentAttachmentsTests {

    private static final String INSTANCE = "i-0abc";
    private static final Map<String, List<String>> FILTER = Map.of("attachment.instance-id", List.of(INSTANCE));

    private final Ec2 ec2 = mock(Ec2.class);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ExecutorService refresher = Executors.newSingleThreadExecutor();
    private final RecentAttachments recent = new RecentAttachments(ec2, Duration.ofMillis(500), Duration.ofSeconds(5),
            refresher, now::get);

    @AfterEach
    void stopRefresher() {
        recent.close();
    }

    @Test
    void asksEc2OnceWhileTheAnswerIsFresh() {
        given(ec2.describeVolumes(FILTER)).willReturn(List.of(volume("vol-01")));

        recent.of(INSTANCE);
        advance(Duration.ofMillis(400));
        List<Volume> second = recent.of(INSTANCE).volumes();

        assertThat(second).extracting(Volume::id).containsExactly("vol-01");
        then(ec2).should(times(1)).describeVolumes(anyMap());
    }

    @Test
    void answersAnAgingListingAtOnceAndRefreshesItInTheBackground() throws Exception {
        given(ec2.describeVolumes(FILTER)).willReturn(List.of(volume("vol-01")), List.of(volume("vol-02")));
        recent.of(INSTANCE);
        advance(Duration.ofSeconds(1));

        List<Volume> aging = recent.of(INSTANCE).volumes();
        awaitRefresh();

        assertThat(aging).extracting(Volume::id).containsExactly("vol-01");
        assertThat(recent.of(INSTANCE).volumes()).extracting(Volume::id).containsExactly("vol-02");
        then(ec2).should(times(2)).describeVolumes(anyMap());
    }

    @Test
    void anOperationRenewsTheAttachmentsSoTheNextListingShowsItsChangeWithoutAskingEc2() {
        given(ec2.describeVolumes(FILTER)).willReturn(List.of(volume("vol-01")), List.of());
        recent.of(INSTANCE);

        recent.renew(Duration.ofSeconds(10));

        assertThat(recent.of(INSTANCE).volumes()).isEmpty();
        then(ec2).should(times(2)).describeVolumes(anyMap());
    }

    @Test
    void aFailedRenewalLeavesTheNextListingToAskEc2ItselfNotToShowTheOldAnswer() {
        given(ec2.describeVolumes(FILTER)).willReturn(List.of(volume("vol-01")))
                .willThrow(new IllegalStateException("EC2 is down"))
                .willReturn(List.of(volume("vol-02")));
        recent.of(INSTANCE);

        recent.renew(Duration.ofSeconds(10));

        assertThat(recent.of(INSTANCE).volumes()).extracting(Volume::id).containsExactly("vol-02");
        then(ec2).should(times(3)).describeVolumes(anyMap());
    }

    @Test
    void anOperationWaitsForTheRenewalNoLongerThanItsBound() throws Exception {
        CountDownLatch ec2Answers = new CountDownLatch(1);
        given(ec2.describeVolumes(FILTER)).willReturn(List.of(volume("vol-01"))).willAnswer(call -> {
            ec2Answers.await(10, TimeUnit.SECONDS);
            return List.of(volume("vol-02"));
        });
        recent.of(INSTANCE);

        long started = System.nanoTime();
        recent.renew(Duration.ofMillis(100));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        ec2Answers.countDown();
        awaitRefresh();

        assertThat(waitedMillis).isLessThan(5_000);
        assertThat(recent.of(INSTANCE).volumes()).extracting(Volume::id).containsExactly("vol-02");
    }

    @Test
    void aListingDuringTheRenewalGetsTheAnswerFromBeforeWithoutWaitingOnEc2() throws Exception {
        CountDownLatch renewalAsked = new CountDownLatch(1);
        CountDownLatch ec2Answers = new CountDownLatch(1);
        given(ec2.describeVolumes(FILTER)).willReturn(List.of(volume("vol-01"))).willAnswer(call -> {
            renewalAsked.countDown();
            ec2Answers.await(10, TimeUnit.SECONDS);
            return List.of(volume("vol-02"));
        });
        recent.of(INSTANCE);
        Thread operation = new Thread(() -> recent.renew(Duration.ofSeconds(10)));
        operation.start();
        assertThat(renewalAsked.await(10, TimeUnit.SECONDS)).isTrue();

        List<Volume> during = recent.of(INSTANCE).volumes();
        ec2Answers.countDown();
        operation.join(10_000);

        assertThat(during).extracting(Volume::id).containsExactly("vol-01");
        assertThat(recent.of(INSTANCE).volumes()).extracting(Volume::id).containsExactly("vol-02");
        then(ec2).should(times(2)).describeVolumes(anyMap());
    }

    @Test
    void nothingIsAskedOfEc2BeforeTheFirstListing() {
        recent.renew(Duration.ofSeconds(10));

        then(ec2).shouldHaveNoInteractions();
    }

    @Test
    void asksEc2ItselfOnceTheAnswerIsStale() {
        given(ec2.describeVolumes(FILTER)).willReturn(List.of(volume("vol-01")), List.of(volume("vol-02")));
        recent.of(INSTANCE);
        advance(Duration.ofSeconds(5));

        assertThat(recent.of(INSTANCE).volumes()).extracting(Volume::id).containsExactly("vol-02");
    }

    @Test
    void reportsAnEc2FailureOnceNoRecentAnswerIsLeft() throws Exception {
        given(ec2.describeVolumes(FILTER)).willReturn(List.of(volume("vol-01")))
                .willThrow(new Ec2Exception.Unavailable("InternalError", "down", null));
        recent.of(INSTANCE);
        advance(Duration.ofSeconds(1));

        assertThat(recent.of(INSTANCE).volumes()).extracting(Volume::id).containsExactly("vol-01");
        awaitRefresh();
        advance(Duration.ofSeconds(5));

        assertThatExceptionOfType(Ec2Exception.class).isThrownBy(() -> recent.of(INSTANCE));
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** The refresher has one thread: once it has stopped, the refresh it was given is done. */
    private void awaitRefresh() throws InterruptedException {
        refresher.shutdown();
        assertThat(refresher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static Volume volume(String id) {
        return new Volume(id, 1, "gp3", "in-use", "eu-west-1a", null, null, List.of(), Map.of());
    }
}
