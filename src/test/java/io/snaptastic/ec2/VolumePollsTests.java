package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Volume;

class VolumePollsTests {

    private final List<List<String>> calls = new CopyOnWriteArrayList<>();

    @Test
    void pollsThatComeWhileACallIsOutShareTheNextCall() throws Exception {
        CountDownLatch firstCallOut = new CountDownLatch(1);
        CountDownLatch firstCallAnswers = new CountDownLatch(1);
        VolumePolls polls = new VolumePolls(ids -> {
            calls.add(List.copyOf(ids));
            if (calls.size() == 1) {
                firstCallOut.countDown();
                waitFor(firstCallAnswers);
            }
            return answer(ids);
        });
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        Thread first = poller(polls, "vol-1", seen);
        first.start();
        assertThat(firstCallOut.await(10, TimeUnit.SECONDS)).isTrue();
        Thread second = poller(polls, "vol-2", seen);
        Thread third = poller(polls, "vol-3", seen);
        second.start();
        third.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.WAITING
                && third.getState() == Thread.State.WAITING);

        firstCallAnswers.countDown();
        for (Thread thread : List.of(first, second, third)) {
            thread.join(10_000);
        }

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).containsExactly("vol-1");
        assertThat(calls.get(1)).containsExactlyInAnyOrder("vol-2", "vol-3");
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(
                Map.of("vol-1", List.of("vol-1"), "vol-2", List.of("vol-2"), "vol-3", List.of("vol-3")));
    }

    @Test
    void aVolumeEc2DoesNotKnowIsAnAnswerWithoutIt() {
        VolumePolls polls = new VolumePolls(ids -> DescribeVolumesResponse.builder().build());

        assertThat(polls.poll("vol-404").volumes()).isEmpty();
    }

    @Test
    void aFailedCallFailsItsPollsAndTheNextPollCallsAgain() {
        AtomicInteger call = new AtomicInteger();
        VolumePolls polls = new VolumePolls(ids -> {
            if (call.incrementAndGet() == 1) {
                throw new IllegalStateException("EC2 is down");
            }
            return answer(ids);
        });

        assertThatThrownBy(() -> polls.poll("vol-1")).isInstanceOf(IllegalStateException.class).hasMessage("EC2 is down");
        assertThat(polls.poll("vol-1").volumes()).extracting(Volume::volumeId).containsExactly("vol-1");
    }

    @Test
    void moreVolumesThanAFilterTakesAreAskedForInSeveralCalls() throws Exception {
        CountDownLatch firstCallAnswers = new CountDownLatch(1);
        VolumePolls polls = new VolumePolls(ids -> {
            calls.add(List.copyOf(ids));
            if (calls.size() == 1) {
                waitFor(firstCallAnswers);
            }
            return answer(ids);
        });
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        Thread blocker = poller(polls, "vol-0", seen);
        blocker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
        List<Thread> pollers = new java.util.ArrayList<>();
        for (int i = 1; i <= VolumePolls.MAX_VOLUMES_PER_CALL + 1; i++) {
            Thread thread = poller(polls, "vol-" + i, seen);
            pollers.add(thread);
            thread.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pollers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

        firstCallAnswers.countDown();
        blocker.join(10_000);
        for (Thread thread : pollers) {
            thread.join(10_000);
        }

        assertThat(calls).hasSize(3);
        assertThat(calls.get(1)).hasSize(VolumePolls.MAX_VOLUMES_PER_CALL);
        assertThat(calls.get(2)).hasSize(1);
        assertThat(seen).hasSize(VolumePolls.MAX_VOLUMES_PER_CALL + 2).allSatisfy((id, answer) -> assertThat(answer).containsExactly(id));
    }

    private static Thread poller(VolumePolls polls, String volumeId, Map<String, List<String>> seen) {
        return new Thread(() -> seen.put(volumeId, polls.poll(volumeId).volumes().stream().map(Volume::volumeId).toList()));
    }

    private static DescribeVolumesResponse answer(List<String> ids) {
        return DescribeVolumesResponse.builder().volumes(ids.stream().map(id -> Volume.builder().volumeId(id).build()).toList()).build();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
