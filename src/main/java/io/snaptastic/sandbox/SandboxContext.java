package io.snaptastic.sandbox;

import java.time.Clock;

/** What every group of actions shares: the store, the data plane, the scheduler, faults, settings and clock. */
record SandboxContext(
        SandboxStore store,
        Disks disks,
        Transitions transitions,
        FaultInjector faults,
        SandboxProperties settings,
        Clock clock) {}
