package io.snaptastic.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox under {@code snaptastic.sandbox}: an EC2-compatible endpoint and IMDSv2 on loopback.
 *
 * @param enabled start the sandbox (the {@code sandbox} profile sets it)
 * @param port the loopback port of the EC2 and IMDS endpoint; 0 for any free port
 * @param userdata the instance's userdata, as IMDS serves it
 * @param instanceId the id of the one sandbox instance
 * @param availabilityZone the instance's availability zone
 * @param region the instance's region
 * @param nitro expose attached volumes as NVMe devices with a volume-id serial, as Nitro instances do
 * @param stateDelay how long volumes stay creating/deleting and attachments attaching/detaching
 * @param snapshotDelay how long a snapshot stays pending
 * @param faults errors, latency and throttling injected for tests and benchmarks
 * @param snapshotIntervalPerVolume EC2's least time between two snapshots of one volume (about 15 s); a
 *     snapshot sooner is refused with SnapshotCreationPerVolumeRateExceeded. Shorter in tests; 0 turns it off
 */
@ConfigurationProperties("snaptastic.sandbox")
public record SandboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("8170") int port,
        @DefaultValue(DEMO_USERDATA) String userdata,
        @DefaultValue("i-0sandbox000000001") String instanceId,
        @DefaultValue("eu-west-1a") String availabilityZone,
        @DefaultValue("eu-west-1") String region,
        @DefaultValue("true") boolean nitro,
        @DefaultValue("200ms") Duration stateDelay,
        @DefaultValue("1s") Duration snapshotDelay,
        @DefaultValue Faults faults,
        @DefaultValue("15s") Duration snapshotIntervalPerVolume) {

    /** "Wait at least 15 seconds between concurrent volume snapshots" ("Error codes for the Amazon EC2 API"). */
    public static final Duration EC2_SNAPSHOT_INTERVAL = Duration.ofSeconds(15);

    public static final String DEMO_USERDATA = "{\"role\":\"solr\",\"cluster\":\"solr\",\"environment\":\"sandbox\"}";

    public SandboxProperties {
        userdata = userdata == null ? DEMO_USERDATA : userdata;
        stateDelay = stateDelay == null ? Duration.ofMillis(200) : stateDelay;
        snapshotDelay = snapshotDelay == null ? Duration.ofSeconds(1) : snapshotDelay;
        faults = faults == null ? Faults.NONE : faults;
        snapshotIntervalPerVolume = snapshotIntervalPerVolume == null ? EC2_SNAPSHOT_INTERVAL : snapshotIntervalPerVolume;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("snaptastic.sandbox.port: " + port + " is not a port");
        }
        if (stateDelay.isNegative() || snapshotDelay.isNegative() || snapshotIntervalPerVolume.isNegative()) {
            throw new IllegalArgumentException("snaptastic.sandbox state and snapshot delays may not be negative");
        }
    }

    /** Defaults with the given port, state dir independent: for tests and embedding. */
    public static SandboxProperties defaults(int port) {
        return new SandboxProperties(true, port, DEMO_USERDATA, "i-0sandbox000000001", "eu-west-1a", "eu-west-1",
                true, Duration.ofMillis(200), Duration.ofSeconds(1), Faults.NONE, EC2_SNAPSHOT_INTERVAL);
    }

    public SandboxProperties withDelays(Duration state, Duration snapshot) {
        return new SandboxProperties(enabled, port, userdata, instanceId, availabilityZone, region, nitro, state, snapshot,
                faults, snapshotIntervalPerVolume);
    }

    public SandboxProperties withFaults(Faults newFaults) {
        return new SandboxProperties(enabled, port, userdata, instanceId, availabilityZone, region, nitro, stateDelay,
                snapshotDelay, newFaults, snapshotIntervalPerVolume);
    }

    public SandboxProperties withNitro(boolean newNitro) {
        return new SandboxProperties(enabled, port, userdata, instanceId, availabilityZone, region, newNitro, stateDelay,
                snapshotDelay, faults, snapshotIntervalPerVolume);
    }

    public SandboxProperties withSnapshotIntervalPerVolume(Duration interval) {
        return new SandboxProperties(enabled, port, userdata, instanceId, availabilityZone, region, nitro, stateDelay,
                snapshotDelay, faults, interval);
    }

    /**
     * Faults injected into the EC2 endpoint. Maps are keyed by action name ({@code CreateVolume});
     * the key {@code default} applies to every action without its own entry.
     *
     * @param latency added before an action is answered
     * @param throttle AWS-like token buckets; an empty bucket answers RequestLimitExceeded (503)
     * @param errorRate the probability (0..1) of an InternalError (500) or Unavailable (503) answer
     * @param attachNeverCompletes attachments stay {@code attaching} for ever
     * @param snapshotsPerVolume a token bucket per volume, on top of the snapshot interval; empty answers
     *     SnapshotCreationPerVolumeRateExceeded
     * @param kmsDeniedKeyIds KMS keys the role may not use: an encrypted CreateVolume with one answers 200, and the
     *     volume goes creating and then disappears, as EC2 does (aws-ebs-csi-driver issue #3010); {@code default}
     *     stands for the account's default EBS key
     * @param lostAnswer by action (or {@code default}), the probability (0..1) that the action is carried out and its
     *     answer then lost: the client gets an InternalError (500) or Unavailable (503) although EC2 did what it asked.
     *     A 5xx says nothing of whether the action ran ("Error codes for the Amazon EC2 API": server errors); this makes
     *     a client prove it looks (or replays a ClientToken) before it asks again
     * @param failFirst by action, how many of its first calls since the agent started fail with an InternalError
     *     (500) before the action runs, so nothing is done: one exact failure where a rate would be luck
     */
    public record Faults(
            Map<String, Duration> latency,
            Map<String, Bucket> throttle,
            @DefaultValue("0") double errorRate,
            @DefaultValue("false") boolean attachNeverCompletes,
            Bucket snapshotsPerVolume,
            List<String> kmsDeniedKeyIds,
            Map<String, Double> lostAnswer,
            Map<String, Integer> failFirst) {

        public static final Faults NONE = new Faults(Map.of(), Map.of(), 0, false, null, List.of(), Map.of(), Map.of());

        /** The keyword in {@code kms-denied-key-ids} for the key EC2 uses when a request names none. */
        public static final String DEFAULT_KEY = "default";

        @ConstructorBinding
        public Faults {
            latency = latency == null ? Map.of() : Map.copyOf(latency);
            throttle = throttle == null ? Map.of() : Map.copyOf(throttle);
            kmsDeniedKeyIds = kmsDeniedKeyIds == null ? List.of() : List.copyOf(kmsDeniedKeyIds);
            lostAnswer = lostAnswer == null ? Map.of() : Map.copyOf(lostAnswer);
            failFirst = failFirst == null ? Map.of() : Map.copyOf(failFirst);
            if (errorRate < 0 || errorRate > 1) {
                throw new IllegalArgumentException("snaptastic.sandbox.faults.error-rate: must be within 0..1");
            }
            lostAnswer.forEach((action, rate) -> {
                if (rate == null || rate < 0 || rate > 1) {
                    throw new IllegalArgumentException("snaptastic.sandbox.faults.lost-answer." + action + ": must be within 0..1");
                }
            });
            failFirst.forEach((action, calls) -> {
                if (calls == null || calls < 0) {
                    throw new IllegalArgumentException("snaptastic.sandbox.faults.fail-first." + action + ": must be 0 or more");
                }
            });
        }

        /** The faults before the KMS fault existed. */
        public Faults(Map<String, Duration> latency, Map<String, Bucket> throttle, double errorRate,
                boolean attachNeverCompletes, Bucket snapshotsPerVolume) {
            this(latency, throttle, errorRate, attachNeverCompletes, snapshotsPerVolume, List.of(), Map.of(), Map.of());
        }

        public Faults withKmsDeniedKeyIds(List<String> keyIds) {
            return new Faults(latency, throttle, errorRate, attachNeverCompletes, snapshotsPerVolume, keyIds, lostAnswer,
                    failFirst);
        }

        public Faults withLostAnswer(Map<String, Double> rates) {
            return new Faults(latency, throttle, errorRate, attachNeverCompletes, snapshotsPerVolume, kmsDeniedKeyIds, rates,
                    failFirst);
        }

        public Faults withFailFirst(Map<String, Integer> calls) {
            return new Faults(latency, throttle, errorRate, attachNeverCompletes, snapshotsPerVolume, kmsDeniedKeyIds,
                    lostAnswer, calls);
        }
    }

    /**
     * A token bucket, as EC2 throttles: {@code capacity} calls at once, refilled by
     * {@code refillPerSecond}.
     */
    public record Bucket(int capacity, double refillPerSecond) {

        public Bucket {
            if (capacity < 1 || refillPerSecond < 0) {
                throw new IllegalArgumentException("a bucket needs capacity >= 1 and refill-per-second >= 0");
            }
        }
    }
}
