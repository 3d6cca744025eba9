package io.snaptastic.operation;

import io.snaptastic.workflow.VolumeOutcome;
import java.util.function.UnaryOperator;

/**
 * What a running operation's work reports as it goes. Every call is journalled at once, so a client
 * polling the operation, and the agent after a crash, see how far it got.
 */
public interface OperationProgress {

    String operationId();

    /** Records the result for {@code result.device()}, replacing an earlier one for that device. */
    void volume(VolumeOutcome result);

    /** Changes the result recorded for a device; a device without one starts from {@code VolumeOutcome.of(device, null)}. */
    void volume(String device, UnaryOperator<VolumeOutcome> change);

    /** Adds or replaces a detail; values must be JSON-friendly (strings, numbers, booleans, lists, maps). */
    void detail(String key, Object value);
}
