package io.snaptastic.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Action;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.VolumeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks against mocked ports, with the host tools looked up in a real directory the test fills. */
class CheckServiceTests {

    @TempDir
    Path bin;

    @TempDir
    Path proc;

    private final InstanceIdentity instance = mock(InstanceIdentity.class);
    private final Ec2 ec2 = mock(Ec2.class);
    private final SnapshotterResolver resolver = mock(SnapshotterResolver.class);

    @BeforeEach
    void anInstanceRunningAsRootWhereEc2PermitsEverything() throws IOException {
        given(instance.instanceId()).willReturn("i-0123456789abcdef0");
        given(instance.availabilityZone()).willReturn("us-east-1a");
        given(instance.region()).willReturn("us-east-1");
        given(ec2.permitted(any())).willReturn(true);
        Files.writeString(proc.resolve("status"), "Name:\tjava\nUid:\t0\t0\t0\t0\n");
    }

    @Test
    void anExt4OnlyConfigurationNeedsNoXfsTools() throws IOException {
        installEverythingBut("mkfs.xfs", "xfs_repair", "xfs_growfs");

        List<CheckItem> items = service(volumeOn("ext4")).run();

        assertThat(items).noneMatch(CheckItem::failed);
        assertThat(names(items)).contains("tool:mkfs.ext4", "tool:e2fsck", "tool:fsfreeze")
                .doesNotContain("tool:mkfs.xfs", "tool:xfs_growfs");
    }

    @Test
    void anXfsVolumeNeedsXfsprogs() throws IOException {
        installEverythingBut("mkfs.xfs");

        List<CheckItem> items = service(volumeOn("xfs")).run();

        CheckItem mkfs = item(items, "tool:mkfs.xfs");
        assertThat(mkfs.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(mkfs.remedy()).isEqualTo("install the package xfsprogs");
        assertThat(mkfs.detail()).doesNotContain(bin.toString());
        assertThat(item(items, "tool:xfs_growfs").status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void aNotFoundAnswerToAPlaceholderIsInconclusive() throws IOException {
        installEverythingBut();
        given(ec2.permitted(Ec2Action.ATTACH_VOLUME)).willThrow(new Ec2Exception.NotFound(
                "InvalidVolume.NotFound", "DryRun ATTACH_VOLUME: The volume 'vol-00000000000000000' does not exist.", null));

        List<CheckItem> items = service(volumeOn("ext4")).run();

        CheckItem attach = item(items, "ec2:AttachVolume");
        assertThat(attach.status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(attach.detail()).contains("InvalidVolume.NotFound");
        assertThat(attach.remedy()).isNotBlank();
        assertThat(items).noneMatch(CheckItem::failed);
    }

    @Test
    void aRefusalIsInconclusiveOnlyWhereTheProbeNamesAPlaceholder() throws IOException {
        installEverythingBut();
        given(ec2.permitted(Ec2Action.DELETE_VOLUME)).willReturn(false);
        given(ec2.permitted(Ec2Action.CREATE_SNAPSHOTS)).willReturn(false);

        List<CheckItem> items = service(volumeOn("ext4")).run();

        assertThat(item(items, "ec2:DeleteVolume").status()).isEqualTo(CheckStatus.INCONCLUSIVE);
        assertThat(item(items, "ec2:CreateSnapshots").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(item(items, "ec2:CreateSnapshots").remedy()).contains("allow ec2:CreateSnapshots");
    }

    @Test
    void credentialsThatCannotBeFoundAreAFailureWithoutTheSdksMessage() throws IOException {
        installEverythingBut();
        given(ec2.permitted(Ec2Action.DESCRIBE_VOLUMES)).willThrow(new Ec2Exception.Unavailable(null,
                "Unable to load credentials: Failed to read /var/run/secrets/eks.amazonaws.com/serviceaccount/token", null));

        List<CheckItem> items = service(volumeOn("ext4")).run();

        CheckItem credentials = item(items, "credentials");
        assertThat(credentials.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(credentials.detail() + credentials.remedy()).doesNotContain("/var/run");
        assertThat(names(items)).noneMatch(name -> name.startsWith("ec2:"));
    }

    private CheckService service(VolumeSpec volume) {
        Snapshotter solr = mock(Snapshotter.class);
        given(solr.name()).willReturn("solr");
        given(resolver.resolve("solr", null)).willReturn(new SnapshotterContext(
                solr, "i-0123456789abcdef0", "us-east-1a", Map.of(), List.of(volume), Map.of("role", "solr")));
        return new CheckService(instance, ec2, new SnapshotterRegistry(List.of(solr)), resolver,
                new HostTools(List.of(bin)), proc.resolve("status"));
    }

    private static VolumeSpec volumeOn(String fileSystem) {
        return new VolumeSpec("/dev/sdf", "/mnt/solr", 20, "gp3", null, null, fileSystem, List.of("defaults"), true, null, true);
    }

    /** Puts an executable file for every tool the agent knows into the test's directory, but the named ones. */
    private void installEverythingBut(String... missing) throws IOException {
        Map<String, String> all = new HashMap<>(HostTools.COMMON);
        HostTools.BY_FILE_SYSTEM.values().forEach(all::putAll);
        Set<String> absent = Set.of(missing);
        for (String tool : all.keySet()) {
            if (!absent.contains(tool)) {
                Files.createFile(bin.resolve(tool), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        }
    }

    private static CheckItem item(List<CheckItem> items, String name) {
        return items.stream().filter(item -> item.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "no item " + name + " in " + names(items)));
    }

    private static List<String> names(List<CheckItem> items) {
        return items.stream().map(CheckItem::name).collect(Collectors.toList());
    }
}
