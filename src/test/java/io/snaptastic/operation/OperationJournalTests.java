package io.snaptastic.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeOutcome.Status;
import io.snaptastic.workflow.VolumeStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationJournalTests {

    // Written by the agent before VolumeOutcome replaced VolumeResult, with a step (resize-partition) and a
    // status (paused) that it did not know either: as a newer agent would write them.
    static final String FROM_A_NEWER_AGENT = """
            {"operation":{"id":"op-1","type":"mount","snapshotter":"solr","status":"failed",\
            "startedAt":"2026-01-01T00:00:00Z","endedAt":"2026-01-01T00:01:00Z","volumes":[\
            {"device":"/dev/sdf","mountPoint":"/mnt/solr","volumeId":"vol-1","snapshotId":"snap-1",\
            "step":"resize-partition","status":"running"},\
            {"device":"/dev/sdg","mountPoint":"/mnt/logs","volumeId":"vol-2","step":"done","status":"already-mounted"},\
            {"device":"/dev/sdh","mountPoint":"/mnt/tmp","volumeId":"vol-3","step":"attach","status":"paused",\
            "error":"stuck","warning":"w"}],"error":{"type":"https://snaptastic.io/problems/agent-stopped",\
            "title":"Agent stopped","detail":"stopped"}},"idempotencyKey":"key","requestFingerprint":"fingerprint"}""";

    // In the shape agents wrote before volumes had warnings.
    static final String BEFORE_WARNINGS = """
            {"operation":{"id":"op-2","type":"snapshot","snapshotter":"solr","status":"failed",\
            "startedAt":"2026-01-01T00:00:00Z","endedAt":"2026-01-01T00:01:00Z","volumes":[\
            {"device":"/dev/sdf","mountPoint":"/mnt/solr","volumeId":"vol-1","snapshotId":"snap-1",\
            "step":"done","status":"done","freezeMillis":84},\
            {"device":"/dev/sdg","mountPoint":"/mnt/logs","volumeId":"vol-2","step":"create-snapshot","status":"failed",\
            "freezeMillis":84,"error":"too many pending"}],"error":{"type":"https://snaptastic.io/problems/workflow-failed",\
            "title":"Workflow failed","detail":"1 of 2 volume(s) failed"}},"idempotencyKey":null,"requestFingerprint":"fingerprint"}""";

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrote() {
        OperationJournal journal = new OperationJournal(dir);
        Operation operation = new Operation("op-1", OperationType.SNAPSHOT, "solr", OperationStatus.FAILED,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z"),
                List.of(VolumeOutcome.of("/dev/sdf", "/mnt/solr").withSnapshotId("snap-1").withFreezeMillis(40)),
                OperationProblem.agentStopped("stopped"), Map.of("deleted", List.of("snap-0")));

        journal.write(new JournalEntry(operation, "key", "fingerprint"));

        assertThat(journal.readAll()).containsExactly(new JournalEntry(operation, "key", "fingerprint"));
    }

    @Test
    void writesDatesAsIsoTextAndStatusesInLowerCase() throws Exception {
        OperationJournal journal = new OperationJournal(dir);

        journal.write(new JournalEntry(Operation.started("op-1", OperationType.MOUNT, "solr",
                Instant.parse("2026-01-01T00:00:00Z")), null, null));

        assertThat(Files.readString(dir.resolve("op-1.json")))
                .contains("\"startedAt\":\"2026-01-01T00:00:00Z\"")
                .contains("\"status\":\"running\"")
                .contains("\"type\":\"mount\"");
    }

    @Test
    void skipsUnreadableFilesAndRemovesHalfWrittenOnes() throws Exception {
        OperationJournal journal = new OperationJournal(dir);
        journal.write(new JournalEntry(Operation.started("op-1", OperationType.MOUNT, "solr", Instant.EPOCH), null, null));
        Files.writeString(dir.resolve("op-2.json"), "{not json");
        Files.writeString(dir.resolve("op-3.json"), "{}");
        Files.writeString(dir.resolve(".op-4.json.tmp"), "{\"operation\":");

        List<JournalEntry> entries = journal.readAll();

        assertThat(entries).extracting(entry -> entry.operation().id()).containsExactly("op-1");
        assertThat(dir.resolve(".op-4.json.tmp")).doesNotExist();
    }

    @Test
    void readsStepsAndStatusesItDoesNotKnowAndWritesThemBackUnchanged() throws Exception {
        Files.writeString(dir.resolve("op-1.json"), FROM_A_NEWER_AGENT);
        OperationJournal journal = new OperationJournal(dir);

        JournalEntry entry = journal.readAll().get(0);
        journal.write(entry);

        List<VolumeOutcome> volumes = entry.operation().volumes();
        assertThat(volumes).extracting(VolumeOutcome::step).containsExactly(VolumeStep.UNKNOWN, VolumeStep.DONE, VolumeStep.ATTACH);
        assertThat(volumes).extracting(VolumeOutcome::status).containsExactly(Status.RUNNING, Status.ALREADY_MOUNTED, Status.UNKNOWN);
        assertThat(volumes).extracting(VolumeOutcome::stepName).containsExactly("resize-partition", "done", "attach");
        assertThat(volumes).extracting(VolumeOutcome::statusName).containsExactly("running", "already-mounted", "paused");
        assertThat(Files.readString(dir.resolve("op-1.json"))).isEqualTo(FROM_A_NEWER_AGENT);
    }

    @Test
    void readsAJournalWrittenBeforeWarningsExistedAndWritesItBackUnchanged() throws Exception {
        Files.writeString(dir.resolve("op-2.json"), BEFORE_WARNINGS);
        OperationJournal journal = new OperationJournal(dir);

        JournalEntry entry = journal.readAll().get(0);
        journal.write(entry);

        assertThat(entry.operation().volumes()).containsExactly(
                new VolumeOutcome("/dev/sdf", "/mnt/solr", "vol-1", "snap-1", VolumeStep.DONE, Status.DONE, 84L, null, null),
                new VolumeOutcome("/dev/sdg", "/mnt/logs", "vol-2", null, VolumeStep.CREATE_SNAPSHOT, Status.FAILED, 84L,
                        "too many pending", null));
        assertThat(Files.readString(dir.resolve("op-2.json"))).isEqualTo(BEFORE_WARNINGS);
    }
}
