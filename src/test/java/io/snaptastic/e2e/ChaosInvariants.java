package io.snaptastic.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * What the chaos drill holds true after every restart, read from the kernel (mount table, a write
 * under the mount point), the sandbox's EC2 API and the agent's readiness: each method answers the
 * findings that break it, empty when it holds.
 *
 * @param reaperBound how long the reaper may take to remove what the reconciler left
 */
record ChaosInvariants(Duration reaperBound) {

    static final Duration WRITE_BOUND = Duration.ofSeconds(10);
    private static final String RETAINED = "snaptastic:retained";
    private static final String MOUNT_POINT = "mount_point";

    /** Every invariant that must hold once the agent has reconciled what the kill left. */
    List<String> afterRestart(AgentProcess agent) {
        List<String> findings = new ArrayList<>(nothingFrozen(agent));
        findings.addAll(volumes(agent));
        findings.addAll(readinessMatchesKernel(agent));
        return findings;
    }

    /** The same, and, once the interrupted work was finished, readiness UP with exactly the mount expected. */
    List<String> settled(AgentProcess agent, boolean mounted) {
        List<String> findings = afterRestart(agent);
        Actuator.HealthAnswer readiness = agent.actuator().health("/actuator/health/readiness");
        if (readiness.status() != 200) {
            findings.add("readiness answers " + readiness.status() + " once the interrupted work is finished: " + readiness.json());
        }
        boolean listed = readiness.json().at("/components/mounts/details").has(agent.mountPoint().toString());
        if (listed != mounted) {
            findings.add("readiness's mounts " + (listed ? "lists " : "does not list ") + agent.mountPoint() + " although it is "
                    + (mounted ? "mounted" : "unmounted"));
        }
        if (mountedNow(agent.mountPoint()) != mounted) {
            findings.add(agent.mountPoint() + " is " + (mounted ? "not " : "") + "mounted once the work is finished");
        }
        long inUse = managed(agent).stream().filter(v -> !v.attachments().isEmpty()).count();
        if (inUse != (mounted ? 1 : 0)) {
            findings.add(inUse + " managed volumes attached once the work is finished, " + (mounted ? "1" : "none") + " expected");
        }
        return findings;
    }

    /** No freeze on record, and a write under a mounted mount point finishes in bounded time. */
    List<String> nothingFrozen(AgentProcess agent) {
        List<String> findings = new ArrayList<>();
        Path records = agent.stateDir().resolve("frozen");
        if (Files.isDirectory(records)) {
            try (Stream<Path> files = Files.list(records)) {
                files.filter(f -> f.toString().endsWith(".frozen")).forEach(f -> findings.add("a freeze is still on record: " + f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (mountedNow(agent.mountPoint()) && !WriteProbe.writes(agent.mountPoint().resolve(".chaos-probe"), WRITE_BOUND)) {
            findings.add("a write under " + agent.mountPoint() + " did not finish within " + WRITE_BOUND + ": it is frozen");
        }
        return findings;
    }

    /**
     * No managed volume that nothing uses (detached and not retained, or stuck attaching), awaited for
     * as long as the reaper may take; and never two attached for one mount point.
     */
    List<String> volumes(AgentProcess agent) {
        AtomicReference<List<String>> last = new AtomicReference<>(List.of());
        try {
            await().atMost(reaperBound).pollInterval(Duration.ofSeconds(1)).until(() -> {
                last.set(volumeFindings(managed(agent)));
                return last.get().isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            return last.get().stream().map(f -> f + " (still, " + reaperBound + " after the agent reconciled)").toList();
        }
        return List.of();
    }

    static List<String> volumeFindings(List<Volume> managed) {
        List<String> findings = new ArrayList<>();
        for (Volume volume : managed) {
            boolean retained = "true".equals(SandboxClient.tags(volume).get(RETAINED));
            if (volume.attachments().isEmpty() && "available".equals(volume.stateAsString()) && !retained) {
                findings.add("managed volume " + volume.volumeId() + " is available, not retained, and no mount point uses it");
            }
            volume.attachments().stream().filter(a -> "attaching".equals(a.stateAsString()))
                    .forEach(a -> findings.add("managed volume " + volume.volumeId() + " is stuck attaching at " + a.device()));
        }
        Map<String, List<String>> attachedByMountPoint = managed.stream().filter(v -> !v.attachments().isEmpty())
                .collect(Collectors.groupingBy(v -> SandboxClient.tags(v).getOrDefault(MOUNT_POINT, "?"),
                        Collectors.mapping(Volume::volumeId, Collectors.toList())));
        attachedByMountPoint.forEach((mountPoint, ids) -> {
            if (ids.size() > 1) {
                findings.add(ids.size() + " managed volumes attached for " + mountPoint + ": " + ids);
            }
        });
        return findings;
    }

    /** Readiness as the agent answers it, against the kernel's mount table. */
    List<String> readinessMatchesKernel(AgentProcess agent) {
        Actuator.HealthAnswer readiness = agent.actuator().health("/actuator/health/readiness");
        return readinessFindings(readiness.status(), readiness.json(), ChaosInvariants::mountedNow);
    }

    /**
     * Readiness is 200 exactly when each of its components is UP, and what its {@code mounts} says of
     * each mount point matches the kernel: UP only when mounted, DOWN "not mounted" when not.
     */
    static List<String> readinessFindings(int status, JsonNode readiness, Predicate<Path> mounted) {
        List<String> findings = new ArrayList<>();
        JsonNode components = readiness.get("components");
        boolean allUp = components.valueStream().allMatch(c -> "UP".equals(c.get("status").asString()));
        if ((status == 200) != allUp) {
            findings.add("readiness answers " + status + " while its components are " + components);
        }
        for (var entry : components.at("/mounts/details").properties()) {
            boolean up = "UP".equals(entry.getValue().get("status").asString());
            boolean isMounted = mounted.test(Path.of(entry.getKey()));
            String problem = entry.getValue().path("problem").asString("");
            if (up && !isMounted || !isMounted && !"not mounted".equals(problem)) {
                findings.add("readiness's mounts says " + entry.getValue() + " of " + entry.getKey() + ", mounted: " + isMounted);
            }
        }
        return findings;
    }

    private static boolean mountedNow(Path mountPoint) {
        try {
            return AgentUnderTest.mounted(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The managed volumes, as the sandbox's EC2 API describes them. */
    static List<Volume> managed(AgentProcess agent) {
        try (Ec2Client ec2 = SandboxClient.of(agent.ec2Endpoint())) {
            return SandboxClient.liveManagedVolumes(ec2);
        }
    }
}
