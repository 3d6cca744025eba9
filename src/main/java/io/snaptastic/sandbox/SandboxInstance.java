package io.snaptastic.sandbox;

import java.time.Instant;
import java.util.Map;

/** The one sandbox instance; its block device mapping is derived from the volumes attached to it. */
record SandboxInstance(
        String id,
        String availabilityZone,
        String region,
        String rootDeviceName,
        String rootVolumeId,
        Instant launchTime,
        Map<String, String> tags) {

    SandboxInstance {
        tags = Tags.copy(tags);
    }

    SandboxInstance withTags(Map<String, String> newTags) {
        return new SandboxInstance(id, availabilityZone, region, rootDeviceName, rootVolumeId, launchTime, newTags);
    }
}
