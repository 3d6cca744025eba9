package io.snaptastic.sandbox;

import java.time.Instant;
import java.util.Map;

/** A sandbox EBS snapshot as stored: its image was copied when it was created. */
record SandboxSnapshot(
        String id,
        String volumeId,
        int volumeSize,
        String state,
        Instant startTime,
        String description,
        boolean encrypted,
        String kmsKeyId,
        Map<String, String> tags) {

    static final String PENDING = "pending";
    static final String COMPLETED = "completed";
    static final String ERROR = "error";

    SandboxSnapshot {
        tags = Tags.copy(tags);
        description = description == null ? "" : description;
    }

    SandboxSnapshot withState(String newState) {
        return new SandboxSnapshot(id, volumeId, volumeSize, newState, startTime, description, encrypted, kmsKeyId, tags);
    }

    SandboxSnapshot withTags(Map<String, String> newTags) {
        return new SandboxSnapshot(id, volumeId, volumeSize, state, startTime, description, encrypted, kmsKeyId, newTags);
    }
}
