package io.snaptastic.ec2;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
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

    private MotoServer moto;
    private String instanceId;

    @BeforeAll
    void startMoto() throws IOException {
        moto = MotoServer.start();
        instanceId = runInstance();
    }

    @AfterAll
    void stopMoto() throws IOException {
        if (moto != null) {
            moto.close();
        }
    }

    @Override
    protected URI endpoint() {
        return moto.endpoint();
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
        Ec2ClientSettings settings = new Ec2ClientSettings(moto.endpoint(), this::region, credentials(), Duration.ofSeconds(30), Duration.ofSeconds(2));
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
}
