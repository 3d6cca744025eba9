package io.snaptastic.ec2;

import io.snaptastic.sandbox.SandboxEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.util.FileSystemUtils;

/**
 * The EC2 conformance suite against the agent's own sandbox endpoint: the same assertions that moto
 * passes, so the sandbox answers the adapter as a third-party emulator does (the data plane aside,
 * which the sandbox's own tests cover with loop devices).
 */
class SandboxEc2ContractTests extends Ec2ContractTests {

    private Path stateDir;
    private SandboxEndpoint sandbox;

    @BeforeAll
    void startSandbox() throws IOException {
        stateDir = Files.createTempDirectory("sandbox-contract");
        sandbox = SandboxEndpoint.start(stateDir);
    }

    @AfterAll
    void stopSandbox() throws IOException {
        if (sandbox != null) {
            sandbox.close();
        }
        FileSystemUtils.deleteRecursively(stateDir);
    }

    @Override
    protected URI endpoint() {
        return sandbox.uri();
    }

    @Override
    protected String instanceId() {
        return sandbox.instanceId();
    }

    @Override
    protected String region() {
        return sandbox.region();
    }
}
