package io.snaptastic.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationJournalTests {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrote() {
        OperationJournal journal = new OperationJournal(dir);
        Operation operation = new Operation("op-1", OperationType.SNAPSHOT, "solr", OperationStatus.FAILED,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z"),
                List.of(VolumeResult.of("/dev/sdf", "/mnt/solr").withSnapshotId("snap-1").withFreezeMillis(40)),
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
}
