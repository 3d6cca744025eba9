package io.snaptastic.sandbox;

import java.time.Instant;

/**
 * A volume's attachment to the sandbox instance. {@code loopDevice} and {@code nvmeIndex} are set
 * once the data plane has exposed it (null for the root volume and while attaching).
 */
record SandboxAttachment(
        String instanceId,
        String device,
        String state,
        Instant attachTime,
        boolean deleteOnTermination,
        String loopDevice,
        Integer nvmeIndex) {

    static final String ATTACHING = "attaching";
    static final String ATTACHED = "attached";
    static final String DETACHING = "detaching";
    static final String BUSY = "busy";

    SandboxAttachment withState(String newState) {
        return new SandboxAttachment(instanceId, device, newState, attachTime, deleteOnTermination, loopDevice, nvmeIndex);
    }

    SandboxAttachment attachedAt(String newLoopDevice, Integer newNvmeIndex) {
        return new SandboxAttachment(instanceId, device, ATTACHED, attachTime, deleteOnTermination, newLoopDevice,
                newNvmeIndex);
    }

    SandboxAttachment withDeleteOnTermination(boolean value) {
        return new SandboxAttachment(instanceId, device, state, attachTime, value, loopDevice, nvmeIndex);
    }
}
