package io.snaptastic.ec2;

/**
 * The EC2 actions the agent makes, each of which can be checked by a DryRun call. {@code CREATE_TAGS}
 * is checked as the agent uses it most: tags in a create call ({@code TagSpecifications}).
 */
public enum Ec2Action {
    DESCRIBE_INSTANCES(false),
    DESCRIBE_VOLUMES(false),
    DESCRIBE_SNAPSHOTS(false),
    CREATE_VOLUME(false),
    ATTACH_VOLUME(true),
    DETACH_VOLUME(true),
    DELETE_VOLUME(true),
    CREATE_SNAPSHOTS(false),
    CREATE_SNAPSHOT(true),
    DELETE_SNAPSHOT(true),
    CREATE_TAGS(false),
    MODIFY_INSTANCE_ATTRIBUTE(false);

    private final boolean probesPlaceholder;

    Ec2Action(boolean probesPlaceholder) {
        this.probesPlaceholder = probesPlaceholder;
    }

    /** Whether the DryRun names a placeholder volume or snapshot (no real one is at hand), not this instance. */
    public boolean probesPlaceholder() {
        return probesPlaceholder;
    }
}
