package io.snaptastic.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.config.PlatformDefaults.StaticCredentials;
import io.snaptastic.ec2.Ec2Action;
import io.snaptastic.ec2.MotoServer;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checks ({@code snaptastic test}) against moto_server with IAM enforced, under docs/iam-policy.md's
 * least-privilege policy as moto can evaluate it: the actions are enforced; ARNs and conditions are not
 * (see {@link DocumentedPolicy#asMotoEvaluatesIt()}), so what real IAM says of the conditions is not shown here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeastPrivilegeChecksTests {

    private MotoServer moto;
    private InstanceIdentity instance;
    private DocumentedPolicy policy;

    @TempDir
    Path proc;

    @BeforeAll
    void startMoto() throws Exception {
        policy = DocumentedPolicy.read();
        moto = MotoServer.start();
        instance = moto.runInstance();
    }

    @AfterAll
    void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void theDocumentedPolicyGrantsEveryActionTheChecksProbe() {
        List<String> probed = Arrays.stream(Ec2Action.values())
                .map(action -> "ec2:" + PermissionItems.actionName(action))
                .collect(Collectors.toList());

        assertThat(policy.actions()).containsAll(probed);
    }

    @Test
    void nothingFailsUnderTheDocumentedPolicy() throws Exception {
        List<CheckItem> items = checksAs("least-privilege", policy.asMotoEvaluatesIt());

        assertThat(ec2Items(items)).hasSize(Ec2Action.values().length + 1);
        assertThat(ec2Items(items))
                .as("%s", ec2Items(items))
                .allMatch(item -> item.status() != CheckStatus.FAILED);
    }

    /** Actions whose probe names this instance, not a placeholder, and which no other probe's call needs. */
    @ParameterizedTest
    @EnumSource(value = Ec2Action.class, names = {"DESCRIBE_INSTANCES", "DESCRIBE_SNAPSHOTS", "CREATE_SNAPSHOTS",
        "MODIFY_INSTANCE_ATTRIBUTE"})
    void anActionMissingFromThePolicyFailsAndNothingElse(Ec2Action missing) throws Exception {
        String name = "ec2:" + PermissionItems.actionName(missing);

        List<CheckItem> items = checksAs("without-" + missing.name().toLowerCase().replace('_', '-'),
                policy.without(name).asMotoEvaluatesIt());

        assertThat(ec2Items(items).stream().filter(CheckItem::failed).map(CheckItem::name)).containsExactly(name);
    }

    @Test
    void aRefusedProbeOnAPlaceholderIsInconclusiveNotPassed() throws Exception {
        List<CheckItem> items = checksAs("without-delete-volume", policy.without("ec2:DeleteVolume").asMotoEvaluatesIt());

        CheckItem delete = ec2Items(items).stream().filter(item -> item.name().equals("ec2:DeleteVolume")).findFirst().orElseThrow();
        assertThat(delete.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(ec2Items(items)).filteredOn(CheckItem::failed).isEmpty();
    }

    /** A user with this policy, then the checks as that user with IAM enforced. */
    private List<CheckItem> checksAs(String user, DocumentedPolicy userPolicy) throws Exception {
        moto.enforceIam(false);
        StaticCredentials credentials = moto.userWithPolicy(user, userPolicy.json());
        moto.enforceIam(true);
        try {
            Files.writeString(proc.resolve("status"), "Uid:\t0\t0\t0\t0\n");
            SnapshotterRegistry none = new SnapshotterRegistry(List.of());
            CheckService checks = new CheckService(instance, moto.ec2(credentials, instance), none,
                    new SnapshotterResolver(none, instance, null), new HostTools(List.of()), proc.resolve("status"));
            return checks.run();
        } finally {
            moto.enforceIam(false);
        }
    }

    /** The credentials item and one per EC2 action: the host's tools and root are not what this test is about. */
    private static List<CheckItem> ec2Items(List<CheckItem> items) {
        return items.stream()
                .filter(item -> item.name().equals("credentials") || item.name().startsWith("ec2:"))
                .collect(Collectors.toList());
    }
}
