package io.snaptastic.lifecycle;

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
        // Operations first: from then on a reconciliation's outcome is dropped, and its operation stays
        // running in the journal for the next start.
        operations.close();
        reconciliation.close();
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
