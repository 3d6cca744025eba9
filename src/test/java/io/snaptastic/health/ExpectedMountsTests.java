package io.snaptastic.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationStatus;
import io.snaptastic.operation.OperationType;
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

class ExpectedMountsTests {

    static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aMountAddsWhatItMountedAndARestartRemembersIt() {
        ExpectedMounts expected = new ExpectedMounts(dir.resolve("expected.json"));

        expected.follow(operation(OperationType.MOUNT, OperationStatus.FAILED, Map.of(),
                volume("/dev/sdf", "/mnt/a", "vol-1", Status.DONE), volume("/dev/sdg", "/mnt/b", "vol-2", Status.FAILED)));

        List<ExpectedMount> again = new ExpectedMounts(dir.resolve("expected.json")).all();
        assertThat(again).containsExactly(new ExpectedMount("solr", "/dev/sdf", "/mnt/a", "vol-1"));
    }

    @Test
    void aDryRunAndASnapshotChangeNothing() {
        ExpectedMounts expected = new ExpectedMounts(dir.resolve("expected.json"));

        expected.follow(operation(OperationType.MOUNT, OperationStatus.SUCCEEDED, Map.of("dryRun", true),
                volume("/dev/sdf", "/mnt/a", null, Status.PLANNED)));
        expected.follow(operation(OperationType.SNAPSHOT, OperationStatus.SUCCEEDED, Map.of(),
                volume("/dev/sdf", "/mnt/a", "vol-1", Status.DONE)));

        assertThat(expected.all()).isEmpty();
        assertThat(Files.exists(dir.resolve("expected.json"))).isFalse();
    }

    @Test
    void anUnmountRemovesWhatItUnmountedAndAMountAgainReplacesTheVolume() {
        ExpectedMounts expected = new ExpectedMounts(dir.resolve("expected.json"));
        expected.follow(operation(OperationType.MOUNT, OperationStatus.SUCCEEDED, Map.of(),
                volume("/dev/sdf", "/mnt/a", "vol-1", Status.DONE), volume("/dev/sdg", "/mnt/b", "vol-2", Status.ALREADY_MOUNTED)));

        expected.follow(operation(OperationType.UNMOUNT, OperationStatus.FAILED, Map.of(),
                volume("/dev/sdf", "/mnt/a", "vol-1", Status.DONE), volume("/dev/sdg", "/mnt/b", "vol-2", Status.FAILED)));
        assertThat(expected.all()).extracting(ExpectedMount::mountPoint).containsExactly("/mnt/b");

        expected.follow(operation(OperationType.MOUNT, OperationStatus.SUCCEEDED, Map.of(),
                volume("/dev/sdg", "/mnt/b", "vol-3", Status.DONE)));
        assertThat(expected.all()).containsExactly(new ExpectedMount("solr", "/dev/sdg", "/mnt/b", "vol-3"));
    }

    @Test
    void mountsOfAnEarlierBootAreForgotten() {
        new ExpectedMounts(dir.resolve("expected.json"), "boot-1").follow(operation(OperationType.MOUNT,
                OperationStatus.SUCCEEDED, Map.of(), volume("/dev/sdf", "/mnt/a", "vol-1", Status.DONE)));

        assertThat(new ExpectedMounts(dir.resolve("expected.json"), "boot-1").all()).hasSize(1);
        assertThat(new ExpectedMounts(dir.resolve("expected.json"), "boot-2").all()).isEmpty();
    }

    @Test
    void anUnreadableFileStartsFromNone() throws Exception {
        Files.writeString(dir.resolve("expected.json"), "{not json");

        assertThat(new ExpectedMounts(dir.resolve("expected.json")).all()).isEmpty();
    }

    static VolumeOutcome volume(String device, String mountPoint, String volumeId, Status status) {
        return new VolumeOutcome(device, mountPoint, volumeId, null, VolumeStep.DONE, status, null, null, null);
    }

    static Operation operation(OperationType type, OperationStatus status, Map<String, Object> details, VolumeOutcome... volumes) {
        return new Operation("op-1", type, "solr", status, AT, AT.plusSeconds(1), List.of(volumes), null, details);
    }
}
