package io.snaptastic.bench;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.HostExecutor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * The Python snaptastic's call pattern (see shared SEED-BEHAVIOUR.md), replayed through the same SDK
 * against the same sandbox and counting proxy: volumes one after another, one CreateTags call per tag
 * key, 1 s polling, and make-snapshots freezing, snapshotting and thawing one volume at a time.
 * Two departures, both in the seed's favour or neutral: DescribeInstances stands in for
 * DescribeInstanceAttribute (the sandbox does not serve it; one call either way), and a volume without a
 * snapshot is created empty and formatted, which the seed meant to do but aborted instead.
 */
final class SeedReplay implements AutoCloseable {

    private static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Ec2Client ec2;
    private final HostExecutor host;
    private final Path deviceDir;
    private final Map<String, String> userdata = Map.of("role", "solr", "cluster", "solr", "environment", "sandbox");

    /** A volume as the seed's EBSVolume: device and mount point; size 1 GiB, ext4 like the agent's. */
    record SeedVolume(String device, Path mountPoint) {}

    record MountFigures(long wallMillis, List<Long> formatAndMountMillis, List<String> volumeIds) {}

    record SnapshotFigures(long wallMillis, List<Long> freezeMillis, long firstFreezeToLastThawMillis, List<String> snapshotIds) {}

    SeedReplay(URI endpoint, Path deviceDir, HostExecutor host) {
        this.ec2 = Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIASANDBOXSANDBOX00", "sandbox-secret-key-not-a-real-one")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.host = host;
        this.deviceDir = deviceDir;
    }

    MountFigures mount(List<SeedVolume> volumes) throws InterruptedException {
        long start = System.nanoTime();
        // The seed first waited for the newest snapshot of every volume: one DescribeSnapshots each.
        Map<SeedVolume, String> snapshots = new LinkedHashMap<>();
        for (SeedVolume volume : volumes) {
            snapshots.put(volume, newestSnapshot(volume));
        }
        List<Long> formatAndMount = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (SeedVolume volume : volumes) {
            String snapshotId = snapshots.get(volume);
            var created = ec2.createVolume(b -> b.availabilityZone("eu-west-1a").size(1).volumeType("gp3")
                    .snapshotId(snapshotId));
            ids.add(created.volumeId());
            tagOneByOne(created.volumeId(), tags(volume));
            while (!"available".equals(describe(created.volumeId()).stateAsString())) {
                Thread.sleep(POLL.toMillis());
            }
            ec2.attachVolume(b -> b.volumeId(created.volumeId()).instanceId(Agent.INSTANCE_ID).device(volume.device()));
            while (describe(created.volumeId()).attachments().stream().noneMatch(a -> "attached".equals(a.stateAsString()))) {
                Thread.sleep(POLL.toMillis());
            }
            Path device = deviceDir.resolve(volume.device().substring("/dev/".length()));
            long local = System.nanoTime();
            if (snapshotId == null) {
                run("mkfs.ext4", "-q", device.toString());
            }
            try {
                Files.createDirectories(volume.mountPoint());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            run("mount", "-t", "ext4", "-o", "defaults", device.toString(), volume.mountPoint().toString());
            formatAndMount.add(Duration.ofNanos(System.nanoTime() - local).toMillis());
        }
        return new MountFigures(Duration.ofNanos(System.nanoTime() - start).toMillis(), formatAndMount, ids);
    }

    SnapshotFigures snapshot(List<SeedVolume> volumes) {
        long start = System.nanoTime();
        Instance instance = ec2.describeInstances(b -> b.instanceIds(Agent.INSTANCE_ID)).reservations().get(0).instances().get(0);
        List<Long> frozen = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long firstFreeze = 0;
        long lastThaw = 0;
        for (SeedVolume volume : volumes) {
            String letter = volume.device().replaceFirst("^/dev/(sd|xvd)", "");
            String volumeId = instance.blockDeviceMappings().stream()
                    .filter(m -> m.deviceName().replaceFirst("^/dev/(sd|xvd)", "").equals(letter))
                    .map(InstanceBlockDeviceMapping::ebs).map(e -> e.volumeId()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("nothing attached at " + volume.device()));
            run("fsfreeze", "-f", volume.mountPoint().toString());
            long frozenAt = System.nanoTime();
            firstFreeze = firstFreeze == 0 ? frozenAt : firstFreeze;
            software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse snapshot;
            try {
                snapshot = ec2.createSnapshot(b -> b.volumeId(volumeId).description(userdata.get("cluster") + " snapshot of "
                        + volume.mountPoint().toString().replace('_', '-')));
            } finally {
                run("fsfreeze", "-u", volume.mountPoint().toString());
                lastThaw = System.nanoTime();
                frozen.add(Duration.ofNanos(lastThaw - frozenAt).toMillis());
            }
            ids.add(snapshot.snapshotId());
            tagOneByOne(snapshot.snapshotId(), tags(volume));
        }
        return new SnapshotFigures(Duration.ofNanos(System.nanoTime() - start).toMillis(), frozen,
                Duration.ofNanos(lastThaw - firstFreeze).toMillis(), ids);
    }

    /** Not measured: unmount, detach and delete what the replay made, all volumes at once. */
    void cleanUp(List<SeedVolume> volumes, List<String> volumeIds, List<String> snapshotIds) throws Exception {
        for (SeedVolume volume : volumes) {
            host.execute(Command.of("umount", volume.mountPoint().toString()).withTimeout(Duration.ofSeconds(30)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, volumeIds.size()));
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (String id : volumeIds) {
                work.add(() -> {
                    ec2.detachVolume(b -> b.volumeId(id).force(true));
                    while (!describe(id).attachments().isEmpty() && !"available".equals(describe(id).stateAsString())) {
                        Thread.sleep(200);
                    }
                    ec2.deleteVolume(b -> b.volumeId(id));
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        snapshotIds.forEach(id -> ec2.deleteSnapshot(b -> b.snapshotId(id)));
    }

    /** Deletes every snapshot of the sandbox whose tag key has the value: the agent's, between rounds. */
    void deleteSnapshotsTagged(String key, String value) {
        ec2.describeSnapshots(b -> b.ownerIds("self").filters(Filter.builder().name("tag:" + key).values(value).build()))
                .snapshots().forEach(s -> ec2.deleteSnapshot(b -> b.snapshotId(s.snapshotId())));
    }

    private String newestSnapshot(SeedVolume volume) {
        List<Filter> filters = new ArrayList<>();
        userdata.forEach((k, v) -> filters.add(Filter.builder().name("tag:" + k).values(v).build()));
        return ec2.describeSnapshots(b -> b.filters(filters)).snapshots().stream()
                .filter(s -> s.tags().stream().anyMatch(t -> t.key().equals("mount_point") && t.value().equals(volume.mountPoint().toString())))
                .max((a, b) -> a.startTime().compareTo(b.startTime()))
                .map(Snapshot::snapshotId).orElse(null);
    }

    private Map<String, String> tags(SeedVolume volume) {
        LocalDateTime now = LocalDateTime.now();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("instance_id", Agent.INSTANCE_ID);
        tags.put("mount_point", volume.mountPoint().toString());
        tags.putAll(userdata);
        tags.put("created", SEED_TIME.format(now));
        tags.put("expires", SEED_TIME.format(now.plusDays(7)));
        return tags;
    }

    private void tagOneByOne(String resource, Map<String, String> tags) {
        tags.forEach((key, value) -> ec2.createTags(b -> b.resources(resource).tags(t -> t.key(key).value(value))));
    }

    private Volume describe(String volumeId) {
        return ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().get(0);
    }

    private void run(String... argv) {
        CommandResult result = host.execute(Command.of(argv).withTimeout(Duration.ofSeconds(60)));
        if (!result.succeeded()) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + result.stderr());
        }
    }

    @Override
    public void close() {
        ec2.close();
    }
}
