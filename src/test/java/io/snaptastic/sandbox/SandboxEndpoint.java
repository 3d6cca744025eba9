package io.snaptastic.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A sandbox EC2 endpoint for tests in other packages: on a free loopback port, with the in-memory data
 * plane (no loop devices) and short but real state delays, so waits are exercised.
 */
public final class SandboxEndpoint implements AutoCloseable {

    private final Sandbox sandbox;
    private final SandboxProperties settings;

    private SandboxEndpoint(Sandbox sandbox, SandboxProperties settings) {
        this.sandbox = sandbox;
        this.settings = settings;
    }

    public static SandboxEndpoint start(Path stateDir) {
        // The contract suite runs against moto too, which has no per-volume snapshot window, and its paging
        // test snapshots one volume several times in a row: the sandbox's window is off here.
        SandboxProperties settings = SandboxProperties.defaults(0).withDelays(Duration.ofMillis(50), Duration.ofMillis(150))
                .withSnapshotIntervalPerVolume(Duration.ZERO);
        return new SandboxEndpoint(
                Sandbox.start(settings, stateDir, new FakeDisks(), FaultInjector.real(settings.faults()), Clock.systemUTC()),
                settings);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + sandbox.port());
    }

    public String instanceId() {
        return settings.instanceId();
    }

    public String region() {
        return settings.region();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
