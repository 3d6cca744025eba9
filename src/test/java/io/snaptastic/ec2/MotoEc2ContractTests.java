package io.snaptastic.ec2;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * The EC2 conformance suite against moto ({@code moto_server}), a third-party EC2 emulator, so the
 * adapter (and later the sandbox) is held to something neither of them wrote. Skipped where moto is
 * not installed. Moto differs from real EC2 in ways the suite accounts for: volumes and snapshots
 * are in their final state at once (the suite only ever awaits states, so this changes nothing), it
 * ignores CreateVolume's ClientToken and CreateSnapshots' ExcludeDataVolumeIds (those two tests are
 * skipped here), it does not paginate (every page size sees one page) and its Describe calls ignore
 * DryRun (answered with success, which {@link SdkEc2#permitted} counts as permitted).
 */
class MotoEc2ContractTests extends Ec2ContractTests {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private Process moto;
    private Path log;
    private URI endpoint;
    private String instanceId;

    @BeforeAll
    void startMoto() throws IOException {
        Assumptions.assumeTrue(onPath("moto_server"), "moto_server is not installed (pip install 'moto[server]')");
        int port = freePort();
        log = Files.createTempFile("moto-server", ".log");
        moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        await().atMost(STARTUP)
                .pollInterval(Duration.ofMillis(100))
                .failFast("moto_server exited; see " + log, () -> !moto.isAlive())
                .until(() -> accepts(port));
        instanceId = runInstance();
    }

    @AfterAll
    void stopMoto() throws IOException, InterruptedException {
        if (moto != null) {
            moto.destroy();
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    @Override
    protected URI endpoint() {
        return endpoint;
    }

    @Override
    protected String instanceId() {
        return instanceId;
    }

    @Override
    protected boolean honoursClientToken() {
        return false;
    }

    @Override
    protected boolean honoursSnapshotExclusions() {
        return false;
    }

    /** Moto starts with no instance; RunInstances on one of its built-in images makes one. */
    private String runInstance() {
        Ec2ClientSettings settings = new Ec2ClientSettings(endpoint, this::region, credentials(), Duration.ofSeconds(30));
        try (Ec2Client raw = settings.build()) {
            String imageId = raw.describeImages().images().get(0).imageId();
            return raw.runInstances(b -> b.imageId(imageId)
                            .instanceType(InstanceType.T3_MICRO)
                            .minCount(1)
                            .maxCount(1)
                            .placement(p -> p.availabilityZone(region() + "a")))
                    .instances()
                    .get(0)
                    .instanceId();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
