package io.snaptastic.ec2;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * The four waits, on the SDK's waiter runtime with a fast bounded backoff instead of EC2's 15 s
 * default. The generated {@code ec2.waiter()} waiters are not used as they are: they fail on the
 * {@code *.NotFound} that EC2's eventual consistency answers right after a create, where this agent
 * must keep waiting (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html).
 */
final class Ec2Waits {

    // Capped at the seed's own 1 s polling: each volume waits with its own jittered backoff, so the
    // slowest of N volumes sets a mount's wall time; a 2 s cap made 16 volumes take 1.6x one volume.
    private static final BackoffStrategy BACKOFF =
            BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1));

    private static final String VANISHED = "the volume disappeared";

    private final Supplier<Ec2Client> client;
    private final VolumePolls volumePolls;

    Ec2Waits(Supplier<Ec2Client> client) {
        this.client = client;
        this.volumePolls = new VolumePolls(ids -> client.get()
                .describeVolumes(b -> b.filters(Filter.builder().name("volume-id").values(ids).build())));
    }

    /**
     * Waits for a new volume. Not known yet is eventual consistency and keeps the wait going; known and
     * then gone for {@link VolumeSightings#CONFIRMING_POLLS} polls in a row is a {@link Ec2Exception.Vanished}
     * within seconds, not a timeout minutes later.
     */
    Volume volumeAvailable(String volumeId, Duration timeout) {
        VolumeSightings sightings = new VolumeSightings();
        Waiter<DescribeVolumesResponse> waiter = Waiter.builder(DescribeVolumesResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> volumeState(r, "available")))
                .addAcceptor(WaiterAcceptor.errorOnResponseAcceptor(
                        r -> volumeState(r, "deleting") || volumeState(r, "deleted") || volumeState(r, "error"),
                        "the volume is being deleted or failed"))
                .addAcceptor(WaiterAcceptor.errorOnResponseAcceptor(r -> sightings.vanished(), VANISHED))
                .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(Ec2Waits::notFound))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
                .build();
        try {
            return run("volume " + volumeId + " to become available", timeout, waiter,
                            () -> sightings.observe(describeVolume(volumeId)))
                    .map(r -> Ec2Mapping.volume(r.volumes().get(0)))
                    .orElseThrow();
        } catch (Ec2Exception.WaitFailed e) {
            if (sightings.vanished()) {
                throw new Ec2Exception.Vanished(volumeId, "volume " + volumeId + " was " + sightings.lastState()
                        + " and then disappeared before it became available");
            }
            throw e;
        }
    }

    /**
     * Waits for the attachment, giving up early on one still {@code attaching} after {@code stuckAfter}.
     * CSI measures that from EC2's attachTime (pkg/cloud/cloud.go WaitForAttachmentState); this wait
     * starts right after AttachVolume, so the agent's own clock measures it, and no clock skew between
     * the host and EC2 can cut it short.
     *
     * @throws Ec2Exception.AttachmentStuck when the attachment stayed attaching past stuckAfter
     */
    Volume attached(String volumeId, String instanceId, Duration timeout, Duration stuckAfter) {
        long started = System.nanoTime();
        Predicate<DescribeVolumesResponse> stuck = r -> attachmentState(r, instanceId, "attaching")
                && System.nanoTime() - started >= stuckAfter.toNanos();
        Waiter<DescribeVolumesResponse> waiter = Waiter.builder(DescribeVolumesResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> attachmentState(r, instanceId, "attached")))
                // Ends the wait; told apart from attached below, so it fails with its own exception.
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(stuck))
                .addAcceptor(WaiterAcceptor.errorOnResponseAcceptor(
                        r -> volumeState(r, "deleting") || volumeState(r, "deleted"), "the volume is being deleted"))
                // It was available before it was attached: gone now means deleted.
                .addAcceptor(WaiterAcceptor.errorOnResponseAcceptor(r -> r.volumes().isEmpty(), "the volume no longer exists"))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
                .build();
        DescribeVolumesResponse last = run("volume " + volumeId + " to be attached to " + instanceId, timeout, waiter,
                () -> describeVolume(volumeId)).orElseThrow();
        if (!attachmentState(last, instanceId, "attached")) {
            throw new Ec2Exception.AttachmentStuck("the attachment of " + volumeId + " to " + instanceId
                    + " got stuck: still attaching after " + stuckAfter.toSeconds() + " s (snaptastic.timeouts.stuck-attaching)");
        }
        return Ec2Mapping.volume(last.volumes().get(0));
    }

    void detached(String volumeId, Duration timeout) {
        Waiter<DescribeVolumesResponse> waiter = Waiter.builder(DescribeVolumesResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(Ec2Waits::noAttachment))
                .addAcceptor(WaiterAcceptor.successOnExceptionAcceptor(Ec2Waits::notFound))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
                .build();
        run("volume " + volumeId + " to be detached", timeout, waiter, () -> describeVolume(volumeId));
    }

    Snapshot snapshotCompleted(String snapshotId, Duration timeout) {
        Waiter<DescribeSnapshotsResponse> waiter = Waiter.builder(DescribeSnapshotsResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> snapshotState(r, Snapshot.COMPLETED)))
                .addAcceptor(WaiterAcceptor.errorOnResponseAcceptor(
                        r -> snapshotState(r, Snapshot.ERROR), "the snapshot is in state error"))
                .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(Ec2Waits::notFound))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
                .build();
        return run("snapshot " + snapshotId + " to complete", timeout, waiter, () -> client.get()
                        .describeSnapshots(b -> b.snapshotIds(snapshotId)))
                .map(r -> Ec2Mapping.snapshot(r.snapshots().get(0)))
                .orElseThrow();
    }

    /** An answer without the volume where EC2 does not know it (yet, right after a create; or any more). */
    private DescribeVolumesResponse describeVolume(String volumeId) {
        return volumePolls.poll(volumeId);
    }

    /**
     * Runs a waiter until its deadline. A failure acceptor or the deadline is a {@link Ec2Exception.WaitFailed};
     * an EC2 error no acceptor expected (denied, throttled past the retries) keeps its own translation.
     * Empty when the wait succeeded on an error (a volume that is gone counts as detached).
     */
    private static <T> Optional<T> run(String what, Duration timeout, Waiter<T> waiter, Supplier<T> poll) {
        WaiterOverrideConfiguration config = WaiterOverrideConfiguration.builder()
                .backoffStrategyV2(BACKOFF)
                .waitTimeout(timeout)
                .maxAttempts(Integer.MAX_VALUE)
                .build();
        try {
            return waiter.run(poll, config).matched().response();
        } catch (SdkClientException e) {
            if (e.getCause() instanceof SdkException cause) {
                throw Ec2Errors.translate("waiting for " + what, cause);
            }
            if (e.getCause() instanceof Ec2Exception cause) {
                throw cause; // the client could not be built
            }
            throw new Ec2Exception.WaitFailed("waiting for " + what + " within " + timeout + ": " + e.getMessage());
        }
    }

    private static boolean notFound(Throwable e) {
        return e instanceof AwsServiceException aws
                && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null
                && aws.awsErrorDetails().errorCode().endsWith(".NotFound");
    }

    private static boolean volumeState(DescribeVolumesResponse r, String state) {
        return !r.volumes().isEmpty() && r.volumes().stream().allMatch(v -> state.equals(v.stateAsString()));
    }

    private static boolean attachmentState(DescribeVolumesResponse r, String instanceId, String state) {
        return r.volumes().stream()
                .flatMap(v -> v.attachments().stream())
                .anyMatch(a -> instanceId.equals(a.instanceId()) && state.equals(a.stateAsString()));
    }

    private static boolean noAttachment(DescribeVolumesResponse r) {
        Predicate<VolumeAttachment> gone = a -> "detached".equals(a.stateAsString());
        List<VolumeAttachment> attachments =
                r.volumes().stream().flatMap(v -> v.attachments().stream()).toList();
        return attachments.stream().allMatch(gone);
    }

    private static boolean snapshotState(DescribeSnapshotsResponse r, String state) {
        return !r.snapshots().isEmpty() && r.snapshots().stream().allMatch(s -> state.equals(s.stateAsString()));
    }
}
