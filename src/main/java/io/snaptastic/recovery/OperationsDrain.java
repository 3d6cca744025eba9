package io.snaptastic.recovery;

import io.snaptastic.operation.Operations;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown, waits for running operations (up to {@code snaptastic.operations.shutdown-timeout})
 * before any bean is destroyed: otherwise the freezer, destroyed first, would thaw a filesystem in the
 * middle of a snapshot's freeze, and the EC2 client would close under a running mount.
 */
class OperationsDrain implements SmartLifecycle {

    // Lower than the web server's phases: it stops after the server stopped taking requests.
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Operations operations;
    private final StartupReconciliation reconciliation;
    private volatile boolean running;

    OperationsDrain(Operations operations, StartupReconciliation reconciliation) {
        this.operations = operations;
        this.reconciliation = reconciliation;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        // A reconciliation cut short leaves its operation running in the journal, for the next start.
        reconciliation.close();
        operations.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
