package io.snaptastic.workflow;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.support.KebabCase;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What happened to one volume in an operation: the step it reached, its EC2 ids, and why it failed.
 * Workflows report it as they go; the operation journal and the API answers carry it as it is, with
 * step and status written kebab-case.
 *
 * @param step the last step reached, or the one that failed; null before any was reported ({@link #of})
 * @param status running, done, already-mounted, skipped, planned (dry run) or failed; null like the step
 * @param freezeMillis how long its filesystem was frozen (snapshots only; null otherwise)
 * @param error what went wrong, for a person, or why the volume was skipped; null otherwise
 * @param warning what went differently than asked, or did not work, although the volume is done (an older
 *     snapshot restored, tags a made snapshot lacks, a filesystem left at its snapshot's size); null when nothing
 * @param unrecognised the step and status as a journal wrote them when this agent does not know them; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Only what is marked @JsonProperty is JSON: step and status are written by stepName() and statusName().
@JsonAutoDetect(getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE, fieldVisibility = Visibility.NONE)
@JsonPropertyOrder({"device", "mountPoint", "volumeId", "snapshotId", "step", "status", "freezeMillis", "error", "warning"})
// The API's schema keeps the name clients generated their code from.
@Schema(name = "VolumeResult", description = "What an operation did to one volume so far")
public record VolumeOutcome(
        @JsonProperty @Schema(description = "The device the volume is attached at", example = "/dev/sdf") String device,
        @JsonProperty @Schema(description = "Where it is (or was) mounted", example = "/mnt/solr") String mountPoint,
        @JsonProperty @Schema(description = "The EBS volume, once known", example = "vol-0a1b2c3d4e5f60718") String volumeId,
        @JsonProperty @Schema(description = "The snapshot restored from or made, once known", example = "snap-0a1b2c3d4e5f60718")
        String snapshotId,
        VolumeStep step,
        Status status,
        @JsonProperty @Schema(description = "How long the filesystem was frozen, for snapshots", example = "84") Long freezeMillis,
        @JsonProperty @Schema(description = "Why this volume failed or was skipped, when it was") String error,
        @JsonProperty @Schema(description = "What went differently than asked, or did not work, although the volume is done: an "
                + "older snapshot restored because the newest was still pending, tags a made snapshot lacks, a filesystem "
                + "that could not grow") String warning,
        Unrecognised unrecognised) {

    /** The state of one volume's work; {@link #UNKNOWN} is one an older or newer agent wrote. */
    public enum Status {
        RUNNING,
        DONE,
        ALREADY_MOUNTED,
        SKIPPED,
        PLANNED,
        FAILED,
        UNKNOWN;

        public String json() {
            return KebabCase.of(this);
        }

        /** The status {@code text} names, {@link #UNKNOWN} for one this agent does not know, null for none. */
        public static Status of(String text) {
            return text == null ? null : KebabCase.parse(Status.class, text, UNKNOWN);
        }
    }

    /**
     * A step or status, as written, that this agent does not know: kept so that the API shows it and
     * the journal writes it back unchanged.
     */
    public record Unrecognised(String step, String status) {}

    public VolumeOutcome(String device, String mountPoint, String volumeId, String snapshotId, VolumeStep step, Status status,
            Long freezeMillis, String error, String warning) {
        this(device, mountPoint, volumeId, snapshotId, step, status, freezeMillis, error, warning, null);
    }

    /** Reads the journal's and the API's form; a journal written before warnings existed has none. */
    @JsonCreator
    static VolumeOutcome read(@JsonProperty("device") String device, @JsonProperty("mountPoint") String mountPoint,
            @JsonProperty("volumeId") String volumeId, @JsonProperty("snapshotId") String snapshotId,
            @JsonProperty("step") String step, @JsonProperty("status") String status,
            @JsonProperty("freezeMillis") Long freezeMillis, @JsonProperty("error") String error,
            @JsonProperty("warning") String warning) {
        VolumeStep readStep = VolumeStep.of(step);
        Status readStatus = Status.of(status);
        String unknownStep = unlessItsName(step, readStep);
        String unknownStatus = unlessItsName(status, readStatus);
        Unrecognised unrecognised = unknownStep == null && unknownStatus == null ? null : new Unrecognised(unknownStep, unknownStatus);
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, readStep, readStatus, freezeMillis, error, warning,
                unrecognised);
    }

    /** The text, unless it is the name of the constant read from it: the text of one read as unknown. */
    private static String unlessItsName(String text, Enum<?> read) {
        return read == null || KebabCase.of(read).equals(text) ? null : text;
    }

    /** The step as the API and the journal write it: kebab-case, or as it was read when this agent does not know it. */
    @JsonProperty("step")
    @Schema(description = "The last step reached, named by the workflow", example = "attach")
    public String stepName() {
        if (step == VolumeStep.UNKNOWN && unrecognised != null && unrecognised.step() != null) {
            return unrecognised.step();
        }
        return step == null ? null : step.json();
    }

    /** The status as the API and the journal write it, like {@link #stepName()}. */
    @JsonProperty("status")
    @Schema(description = "running, done, already-mounted, skipped, planned or failed", example = "done")
    public String statusName() {
        if (status == Status.UNKNOWN && unrecognised != null && unrecognised.status() != null) {
            return unrecognised.status();
        }
        return status == null ? null : status.json();
    }

    /** A volume nothing has been reported of yet: no step, no status. */
    public static VolumeOutcome of(String device, String mountPoint) {
        return new VolumeOutcome(device, mountPoint, null, null, null, null, null, null, null);
    }

    public static VolumeOutcome start(VolumeSpec volume) {
        return new VolumeOutcome(volume.device(), volume.mountPoint(), null, null, VolumeStep.PLANNED, Status.RUNNING, null, null,
                null);
    }

    public VolumeOutcome at(VolumeStep newStep) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, newStep, status, freezeMillis, error, warning, unrecognised);
    }

    public VolumeOutcome withVolumeId(String id) {
        return new VolumeOutcome(device, mountPoint, id, snapshotId, step, status, freezeMillis, error, warning, unrecognised);
    }

    public VolumeOutcome withSnapshotId(String id) {
        return new VolumeOutcome(device, mountPoint, volumeId, id, step, status, freezeMillis, error, warning, unrecognised);
    }

    public VolumeOutcome withFreezeMillis(long millis) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, status, millis, error, warning, unrecognised);
    }

    public VolumeOutcome finished(Status finalStatus) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, finalStatus, freezeMillis, error, warning,
                unrecognised);
    }

    public VolumeOutcome failed(String why) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, Status.FAILED, freezeMillis, why, warning,
                unrecognised);
    }

    /** Adds a warning; one given before is kept, the two joined. */
    public VolumeOutcome withWarning(String newWarning) {
        String joined = warning == null || warning.equals(newWarning) ? newWarning : warning + "; " + newWarning;
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, status, freezeMillis, error, joined, unrecognised);
    }

    /** Left alone on purpose, for the reason given. */
    public VolumeOutcome skipped(String why) {
        return new VolumeOutcome(device, mountPoint, volumeId, snapshotId, step, Status.SKIPPED, freezeMillis, why, warning,
                unrecognised);
    }

    public boolean isFailed() {
        return status == Status.FAILED;
    }
}
