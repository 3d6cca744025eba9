package io.snaptastic.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow that ended with failed volumes or a failed hook; the message says which and why. */
public class WorkflowFailedException extends RuntimeException {

    public WorkflowFailedException(WorkflowResult result) {
        super(summary(result), result.cause());
    }

    static String summary(WorkflowResult result) {
        List<VolumeOutcome> failed = result.volumes().stream().filter(VolumeOutcome::isFailed).toList();
        String volumes = failed.stream()
                .map(v -> v.mountPoint() + " failed at " + v.step().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + ": " + v.error())
                .collect(Collectors.joining("; "));
        if (result.error() != null) {
            return failed.isEmpty() ? result.error() : result.error() + "; " + volumes;
        }
        return failed.size() + " of " + result.volumes().size() + " volume(s) failed: " + volumes;
    }
}
