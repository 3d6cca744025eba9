package io.snaptastic.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.workflow.VolumeOutcome.Status;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class VolumeOutcomeTests {

    final JsonMapper mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void writesStepAndStatusKebabCaseAndNothingButItsFieldsInTheirOrder() {
        VolumeOutcome failed = new VolumeOutcome("/dev/sdf", "/mnt/solr", "vol-1", "snap-1", VolumeStep.CREATE_SNAPSHOT,
                Status.ALREADY_MOUNTED, 84L, null, null).failed("too many pending").withWarning("tags missing");

        assertThat(mapper.writeValueAsString(failed)).isEqualTo("""
                {"device":"/dev/sdf","mountPoint":"/mnt/solr","volumeId":"vol-1","snapshotId":"snap-1",\
                "step":"create-snapshot","status":"failed","freezeMillis":84,"error":"too many pending",\
                "warning":"tags missing"}""");
        assertThat(mapper.writeValueAsString(VolumeOutcome.of("/dev/sdf", null))).isEqualTo("{\"device\":\"/dev/sdf\"}");
    }

    // The journal and the API have always named them so; renaming a constant must not rename what clients read.
    @Test
    void namesEveryStepAndStatusAsJournalsAndClientsKnowThem() {
        assertThat(Arrays.stream(VolumeStep.values()).map(VolumeStep::json)).containsExactly(
                "planned", "wait-for-snapshot", "pre-mount-hook", "create-volume", "await-available", "attach",
                "await-attached", "resolve-device", "format", "check-filesystem", "grow-filesystem", "mount",
                "set-delete-on-termination", "post-mount-hook", "clean-up", "pre-unmount-hook", "unmount", "detach",
                "await-detached", "delete-volume", "post-unmount-hook", "pre-snapshot-hook", "find-volume", "freeze",
                "create-snapshot", "post-snapshot-hook", "done", "unknown");
        assertThat(Arrays.stream(Status.values()).map(Status::json)).containsExactly(
                "running", "done", "already-mounted", "skipped", "planned", "failed", "unknown");
    }

    @ParameterizedTest
    @EnumSource(VolumeStep.class)
    void readsEveryStepBackAsItself(VolumeStep step) {
        VolumeOutcome outcome = new VolumeOutcome("/dev/sdf", "/mnt/a", null, null, step, Status.RUNNING, null, null, null);

        assertThat(mapper.readValue(mapper.writeValueAsString(outcome), VolumeOutcome.class)).isEqualTo(outcome);
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void readsEveryStatusBackAsItself(Status status) {
        VolumeOutcome outcome = new VolumeOutcome("/dev/sdf", "/mnt/a", null, null, VolumeStep.ATTACH, status, null, null, null);

        assertThat(mapper.readValue(mapper.writeValueAsString(outcome), VolumeOutcome.class)).isEqualTo(outcome);
    }

    @Test
    void readsAStepAndStatusItDoesNotKnowAsUnknownAndWritesThemAsTheyWere() {
        String newer = "{\"device\":\"/dev/sdf\",\"step\":\"resize-partition\",\"status\":\"paused\"}";

        VolumeOutcome read = mapper.readValue(newer, VolumeOutcome.class);

        assertThat(read.step()).isEqualTo(VolumeStep.UNKNOWN);
        assertThat(read.status()).isEqualTo(Status.UNKNOWN);
        assertThat(read.stepName()).isEqualTo("resize-partition");
        assertThat(read.statusName()).isEqualTo("paused");
        assertThat(read.isFailed()).isFalse();
        assertThat(mapper.writeValueAsString(read)).isEqualTo(newer);
    }

    @Test
    void aStepReachedLaterReplacesTheOneItDidNotKnow() {
        VolumeOutcome read = mapper.readValue("{\"device\":\"/dev/sdf\",\"step\":\"resize-partition\",\"status\":\"paused\"}",
                VolumeOutcome.class);

        VolumeOutcome failed = read.at(VolumeStep.MOUNT).failed("busy");

        assertThat(mapper.writeValueAsString(failed))
                .isEqualTo("{\"device\":\"/dev/sdf\",\"step\":\"mount\",\"status\":\"failed\",\"error\":\"busy\"}");
    }

    @Test
    void readsAnOutcomeWrittenBeforeWarningsExisted() {
        VolumeOutcome read = mapper.readValue("""
                {"device":"/dev/sdf","mountPoint":"/mnt/solr","volumeId":"vol-1","step":"check-filesystem",\
                "status":"failed","error":"e2fsck failed with exit code 4"}""", VolumeOutcome.class);

        assertThat(read).isEqualTo(new VolumeOutcome("/dev/sdf", "/mnt/solr", "vol-1", null, VolumeStep.CHECK_FILESYSTEM,
                Status.FAILED, null, "e2fsck failed with exit code 4", null));
    }
}
