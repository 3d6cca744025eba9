package io.snaptastic.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ec2.model.Volume;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent under the chaos drill and what the drill expects of it: whether the snapshotter is
 * mounted, and the file written before an unmount that kept its volume, which the next mount must
 * show. It starts operations, kills the agent, restarts it and finishes interrupted work as an
 * operator would: by asking for the same operation again.
 */
final class ChaosPlay {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WAIT_SECONDS = 180;

    private final AgentProcess agent;
    private final List<String> properties;
    private final boolean preferRetained;
    private boolean mounted;
    private KeptData kept;

    /** A file written before an unmount that keeps volumes, and the volume it was written to. */
    record KeptData(Path file, String content, String volumeId) {}

    ChaosPlay(AgentProcess agent, List<String> properties, boolean preferRetained) {
        this.agent = agent;
        this.properties = properties;
        this.preferRetained = preferRetained;
    }

    AgentProcess agent() {
        return agent;
    }

    boolean mounted() {
        return mounted;
    }

    void start() throws IOException {
        agent.start(properties.toArray(String[]::new));
    }

    /**
     * Starts the operation without waiting, kills the agent with SIGKILL after the given time, and
     * answers the step the journal shows it had reached: {@code finished} when it had ended, {@code
     * started} when no volume had a step yet.
     */
    String interrupt(ChaosOperation operation, long killAfterMillis, int round) throws Exception {
        prepare(operation, round);
        long sent = System.nanoTime();
        JsonNode accepted = operation.send(agent, 0);
        String id = accepted.path("id").asString("");
        if (id.isEmpty()) {
            throw new IllegalStateException(operation.label() + " was not accepted: " + accepted);
        }
        // The kill moment is the drill's random draw, not a condition: nothing to await but the time itself.
        long left = TimeUnit.MILLISECONDS.toNanos(killAfterMillis) - (System.nanoTime() - sent);
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        agent.kill();
        return killStep(id);
    }

    private String killStep(String id) throws IOException {
        Path journal = agent.stateDir().resolve("operations").resolve(id + ".json");
        JsonNode operation = JSON.readTree(Files.readString(journal)).get("operation");
        if (!"running".equals(operation.get("status").asString())) {
            return "finished";
        }
        JsonNode volumes = operation.path("volumes");
        return volumes.isEmpty() ? "started" : volumes.get(0).path("step").asString("started");
    }

    /** How long a restart took: to liveness UP, and to readiness's {@code recovery} UP (reconciled). */
    record Restart(long liveMillis, long reconciledMillis) {}

    /** Starts the agent again on the same state dir and waits until it has reconciled what the kill left. */
    Restart restart() throws IOException {
        long started = System.nanoTime();
        start();
        long live = System.nanoTime();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> "UP".equals(
                agent.actuator().health("/actuator/health/readiness").json().at("/components/recovery/status").asString()));
        return new Restart(TimeUnit.NANOSECONDS.toMillis(live - started), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Asks for the operation again and waits for it, as an operator finishes interrupted work; then
     * checks what was kept: after an unmount that kept its volume, that volume as EC2 shows it, and after
     * the next mount (when mounts prefer retained volumes) the file written before that unmount.
     */
    List<String> complete(ChaosOperation operation) throws IOException {
        List<String> findings = new ArrayList<>();
        JsonNode done = operation.send(agent, WAIT_SECONDS);
        if (!"succeeded".equals(done.path("status").asString())) {
            findings.add("asked again, " + operation.label() + " did not succeed: " + done);
            return findings;
        }
        mounted = operation.mountedAfter();
        if (operation == ChaosOperation.UNMOUNT_KEEP && kept != null) {
            findings.addAll(keptVolume(kept.volumeId()));
            if (!preferRetained) {
                kept = null;
            }
        } else if (operation == ChaosOperation.MOUNT && kept != null) {
            findings.addAll(keptFile(kept));
            kept = null;
        } else if (operation == ChaosOperation.UNMOUNT_DELETE) {
            kept = null;
        }
        return findings;
    }

    /** Before an unmount that keeps volumes: writes the file that the next mount must show. */
    void prepare(ChaosOperation operation, int round) throws IOException {
        if (operation == ChaosOperation.UNMOUNT_KEEP) {
            kept = writeKeptData(round);
        }
    }

    private KeptData writeKeptData(int round) throws IOException {
        String content = "written before the unmount of round " + round + ": " + UUID.randomUUID();
        Path file = agent.mountPoint().resolve("chaos-round-" + round + ".txt");
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.SYNC);
        String volumeId = ChaosInvariants.managed(agent).stream().filter(v -> !v.attachments().isEmpty())
                .map(Volume::volumeId).findFirst()
                .orElseThrow(() -> new IllegalStateException("mounted, yet no managed volume is attached"));
        return new KeptData(file, content, volumeId);
    }

    private List<String> keptVolume(String volumeId) {
        Optional<Volume> volume = ChaosInvariants.managed(agent).stream().filter(v -> v.volumeId().equals(volumeId)).findFirst();
        if (volume.isEmpty()) {
            return List.of("the volume " + volumeId + " that an unmount kept, with data no snapshot has, is gone");
        }
        boolean retained = "true".equals(SandboxClient.tags(volume.get()).get("snaptastic:retained"));
        if (!"available".equals(volume.get().stateAsString()) || !retained) {
            return List.of("the volume " + volumeId + " that an unmount kept is " + volume.get().stateAsString()
                    + (retained ? "" : " and not tagged snaptastic:retained=true"));
        }
        return List.of();
    }

    private static List<String> keptFile(KeptData kept) throws IOException {
        if (!Files.isRegularFile(kept.file())) {
            return List.of("data lost: " + kept.file() + ", written before an unmount that kept " + kept.volumeId()
                    + ", is not there after the next mount");
        }
        String read = Files.readString(kept.file());
        return read.equals(kept.content()) ? List.of() : List.of("data changed: " + kept.file() + " reads '" + read + "'");
    }
}
