package io.snaptastic.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeState;

/**
 * One run of the real-AWS suite: its id, the instance it runs on, an EC2 client with the instance's
 * credentials, and the cleanup that finds everything the run made by its {@code snaptastic:test-run}
 * tag and deletes it, whatever state the tests left it in.
 */
final class TestRun implements AutoCloseable {

    static final String TAG = "snaptastic:test-run";
    private static final Logger log = LoggerFactory.getLogger(TestRun.class);
    private static final Duration CLEANUP_WAIT = Duration.ofMinutes(10);

    final String id = "rt-" + UUID.randomUUID().toString().substring(0, 8);
    final String instanceId;
    final Region region;
    final Ec2Client ec2;

    TestRun() {
        String token = RealAwsCondition.imdsToken();
        this.instanceId = metadata(token, "instance-id");
        this.region = Region.of(metadata(token, "placement/region"));
        this.ec2 = Ec2Client.builder().region(region)
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** The run's userdata: the snapshotters' filter tags, the run's id among them, so everything made carries it. */
    String userdata() {
        return "{\"role\":\"snaptastic-real-aws\",\"cluster\":\"" + id + "\",\"environment\":\"test\",\"" + TAG + "\":\"" + id + "\"}";
    }

    /** Data volume names the instance has no block device mapping for, from /dev/sd[g-p] (EC2 user guide "device_naming"). */
    List<String> freeDevices(int count) {
        Set<String> used = ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .flatMap(i -> i.blockDeviceMappings().stream())
                .map(m -> m.deviceName().replace("/dev/xvd", "/dev/sd"))
                .collect(Collectors.toSet());
        List<String> free = new ArrayList<>();
        for (char letter = 'g'; letter <= 'p' && free.size() < count; letter++) {
            String device = "/dev/sd" + letter;
            if (!used.contains(device)) {
                free.add(device);
            }
        }
        if (free.size() < count) {
            throw new IllegalStateException("the instance has fewer than " + count + " free device names in /dev/sd[g-p]");
        }
        return free;
    }

    List<Volume> volumes() {
        return ec2.describeVolumes(b -> b.filters(tagFilter())).volumes();
    }

    List<Snapshot> snapshots() {
        return ec2.describeSnapshots(b -> b.ownerIds("self").filters(tagFilter())).snapshots();
    }

    /** Waits (bounded) until the snapshot is completed, as a restore of it needs. */
    void awaitCompleted(String snapshotId, Duration within) throws InterruptedException {
        awaitTrue(within, () -> ec2.describeSnapshots(b -> b.snapshotIds(snapshotId)).snapshots().get(0).state()
                == SnapshotState.COMPLETED, "snapshot " + snapshotId + " to complete");
    }

    /** Detaches and deletes every volume and deletes every snapshot tagged with this run's id. */
    @Override
    public void close() {
        try {
            for (Volume volume : volumes()) {
                if (!volume.attachments().isEmpty()) {
                    log.info("cleanup: detaching {}", volume.volumeId());
                    ec2.detachVolume(b -> b.volumeId(volume.volumeId()).force(true));
                }
            }
            for (Volume volume : volumes()) {
                if (volume.state() == VolumeState.DELETING || volume.state() == VolumeState.DELETED) {
                    continue;
                }
                awaitTrue(CLEANUP_WAIT, () -> ec2.describeVolumes(b -> b.volumeIds(volume.volumeId())).volumes().get(0)
                        .state() == VolumeState.AVAILABLE, "volume " + volume.volumeId() + " to be available");
                log.info("cleanup: deleting {}", volume.volumeId());
                ec2.deleteVolume(b -> b.volumeId(volume.volumeId()));
            }
            for (Snapshot snapshot : snapshots()) {
                awaitTrue(CLEANUP_WAIT, () -> ec2.describeSnapshots(b -> b.snapshotIds(snapshot.snapshotId())).snapshots()
                        .get(0).state() != SnapshotState.PENDING, "snapshot " + snapshot.snapshotId() + " to finish");
                log.info("cleanup: deleting {}", snapshot.snapshotId());
                ec2.deleteSnapshot(b -> b.snapshotId(snapshot.snapshotId()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            List<String> left = new ArrayList<>();
            volumes().forEach(v -> left.add(v.volumeId() + " (" + v.stateAsString() + ")"));
            snapshots().forEach(s -> left.add(s.snapshotId()));
            ec2.close();
            if (!left.isEmpty()) {
                // Deleting volumes take a while to disappear; anything else is a leak to remove by hand.
                log.warn("cleanup of {}: still listed, remove by the tag {}={} if they stay: {}", id, TAG, id, left);
            }
        }
    }

    private Filter tagFilter() {
        return Filter.builder().name("tag:" + TAG).values(id).build();
    }

    private static void awaitTrue(Duration within, java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        long pause = 1000;
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("waited " + within + " for " + what);
            }
            Thread.sleep(pause); // polling EC2: there is nothing to be notified by
            pause = Math.min(pause * 2, 15_000);
        }
    }

    private static String metadata(String token, String path) {
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(RealAwsCondition.IMDS.resolve("/latest/meta-data/" + path))
                            .header("X-aws-ec2-metadata-token", token).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("IMDS answered " + answer.statusCode() + " for " + path);
            }
            return answer.body().strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
