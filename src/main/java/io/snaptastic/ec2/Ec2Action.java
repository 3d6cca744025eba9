package io.snaptastic.ec2;

/** The EC2 actions the agent makes, each of which can be checked by a DryRun call. */
public enum Ec2Action {
    DESCRIBE_INSTANCES,
    DESCRIBE_VOLUMES,
    DESCRIBE_SNAPSHOTS,
    CREATE_VOLUME,
    ATTACH_VOLUME,
    DETACH_VOLUME,
    DELETE_VOLUME,
    CREATE_SNAPSHOTS,
    CREATE_SNAPSHOT,
    DELETE_SNAPSHOT,
    CREATE_TAGS,
    MODIFY_INSTANCE_ATTRIBUTE
}
