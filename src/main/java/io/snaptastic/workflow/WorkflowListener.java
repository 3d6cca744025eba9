package io.snaptastic.workflow;

/**
 * Told of every step a workflow takes, before the call that step makes: the operation journal
 * listens, so that a crash at any step leaves a record of what may need undoing.
 */
@FunctionalInterface
public interface WorkflowListener {

    WorkflowListener NONE = outcome -> {};

    void update(VolumeOutcome outcome);
}
