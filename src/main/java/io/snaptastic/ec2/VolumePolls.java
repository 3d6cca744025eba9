package io.snaptastic.ec2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;

/**
 * The waits' DescribeVolumes polls, one EC2 call at a time for all of them: polls that come while a
 * call is out join the next one, which asks for every volume they wait on (group commit, no delay of
 * its own). A mount of 16 volumes otherwise polls each volume on its own, ~9 calls a volume, and a
 * fleet booting together runs into EC2's request rate limits.
 *
 * <p>The call filters by {@code volume-id} rather than naming the ids, so a volume EC2 does not know
 * (yet, or any more) is missing from the answer instead of failing everyone's call with NotFound.
 */
final class VolumePolls {

    // EC2 takes at most 200 values in one filter.
    static final int MAX_VOLUMES_PER_CALL = 200;

    private final Function<List<String>, DescribeVolumesResponse> describe;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition callDone = lock.newCondition();
    private boolean calling;
    private Poll next = new Poll();

    /** @param describe one DescribeVolumes call filtered by {@code volume-id} with the given ids */
    VolumePolls(Function<List<String>, DescribeVolumesResponse> describe) {
        this.describe = describe;
    }

    /** The volume as EC2 describes it now: an answer with no volume when EC2 does not know it. */
    DescribeVolumesResponse poll(String volumeId) {
        Poll poll;
        lock.lock();
        try {
            poll = next;
            poll.volumeIds.add(volumeId);
            while (calling && !poll.answer.isDone()) {
                callDone.awaitUninterruptibly(); // bounded by the call out, which has the SDK's call timeout
            }
            if (!poll.answer.isDone()) {
                calling = true;
                next = new Poll();
            }
        } finally {
            lock.unlock();
        }
        if (!poll.answer.isDone()) {
            call(poll);
        }
        try {
            DescribeVolumesResponse all = poll.answer.join();
            return all.toBuilder().volumes(all.volumes().stream().filter(v -> volumeId.equals(v.volumeId())).toList()).build();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void call(Poll poll) {
        try {
            List<String> ids = new ArrayList<>(poll.volumeIds);
            List<software.amazon.awssdk.services.ec2.model.Volume> volumes = new ArrayList<>();
            DescribeVolumesResponse last = null;
            for (int from = 0; from < ids.size(); from += MAX_VOLUMES_PER_CALL) {
                last = describe.apply(ids.subList(from, Math.min(ids.size(), from + MAX_VOLUMES_PER_CALL)));
                volumes.addAll(last.volumes());
            }
            poll.answer.complete(last.toBuilder().volumes(volumes).build());
        } catch (RuntimeException | Error e) {
            poll.answer.completeExceptionally(e);
        } finally {
            lock.lock();
            try {
                calling = false;
                callDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The volumes one call asks for, and its answer. */
    private static final class Poll {
        final Set<String> volumeIds = new LinkedHashSet<>();
        final CompletableFuture<DescribeVolumesResponse> answer = new CompletableFuture<>();
    }
}
