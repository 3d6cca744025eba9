package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.snaptastic.host.HostException.DeviceNotEmptyException;
import io.snaptastic.host.HostException.FilesystemCheckException;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostException.InvalidOperandException;
import io.snaptastic.workflow.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Against a scripted host. The device is a link to /dev/null, so its real path is a /dev node. */
@ExtendWith(OutputCaptureExtension.class)
class FilesystemsTests {

    static final String DEV = "/dev/null";

    @TempDir
    Path dir;

    final ScriptedHostExecutor host = new ScriptedHostExecutor();
    Path device;
    Path mountInfo;
    Filesystems filesystems;

    @BeforeEach
    void setUp() throws IOException {
        device = Files.createSymbolicLink(dir.resolve("sdf"), Path.of(DEV));
        mountInfo = dir.resolve("mountinfo");
        Files.writeString(mountInfo, "27 1 254:0 / / rw - ext4 /dev/vda rw\n");
        filesystems = new Filesystems(host, new MountTable(mountInfo));
    }

    @AfterEach
    void allCommandsRan() throws IOException {
        // Removed here: the temp dir's cleanup warns about links that lead out of it.
        Files.deleteIfExists(device);
        host.verifyDone();
    }

    @Test
    void probesWithLowLevelBlkid() {
        host.expect(blkid(), 0, "DEVNAME=/dev/null\nUUID=abc\nTYPE=xfs\nUSAGE=filesystem\n", "");

        assertThat(filesystems.probe(device)).isEqualTo(new Probe("xfs", "abc", null));
    }

    @Test
    void readsExitTwoAsAnEmptyDevice() {
        host.expect(blkid(), 2, "", "");

        assertThat(filesystems.probe(device).empty()).isTrue();
    }

    @Test
    void readsAnAmbivalentProbeAsData() {
        host.expect(blkid(), 8, "", "ambivalent result");

        assertThat(filesystems.probe(device).empty()).isFalse();
    }

    @Test
    void failsOnABlkidError() {
        host.expect(blkid(), 4, "", "bad usage");

        assertThatExceptionOfType(HostCommandException.class).isThrownBy(() -> filesystems.probe(device));
    }

    @Test
    void formatsAnEmptyDeviceAsExt4WithoutForce() {
        host.expect(blkid(), 2, "", "")
                .expectSuccess("mkfs.ext4", "-q", "-E", "lazy_itable_init=1,lazy_journal_init=1", "--", DEV);

        filesystems.format(device, "ext4", false);
    }

    @Test
    void formatsAnEmptyDeviceAsXfsWithoutForce() {
        host.expect(blkid(), 2, "", "").expectSuccess("mkfs.xfs", "-q", "--", DEV);

        filesystems.format(device, "xfs", false);
    }

    @Test
    void neverFormatsADeviceRestoredFromASnapshot() {
        assertThatExceptionOfType(DeviceNotEmptyException.class)
                .isThrownBy(() -> filesystems.format(device, "ext4", true))
                .withMessageContaining("snapshot");
        assertThat(host.executed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TYPE=ext4\nUUID=1\n", "PTTYPE=gpt\nPTUUID=2\n", "TYPE=LVM2_member\n"})
    void refusesToFormatADeviceThatHoldsData(String probe) {
        host.expect(blkid(), 0, probe, "");

        assertThatExceptionOfType(DeviceNotEmptyException.class)
                .isThrownBy(() -> filesystems.format(device, "xfs", false))
                .withMessageContaining("refusing to format");
    }

    @Test
    void runsNothingForABadOperand() {
        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> filesystems.format(Path.of("/dev/../etc/passwd"), "ext4", false));
        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> filesystems.format(device, "btrfs", false));
        // ext3 is restored and mounted, never made.
        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> filesystems.format(device, "ext3", false));
        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> filesystems.growIfNeeded(device, "/mnt/x/../y", "xfs"));
        assertThat(host.executed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void proceedsWhenE2fsckRepairedOrFoundNothing(int exit) {
        host.expect(List.of("e2fsck", "-p", "--", DEV), exit, "", "");

        filesystems.check(device, "ext4");
    }

    @Test
    void givesE2fsckTheConfiguredTime() {
        host.expectSuccess("e2fsck", "-p", "--", DEV);
        Filesystems patient = new Filesystems(host, new MountTable(mountInfo),
                new HostTimeouts(null, null, java.time.Duration.ofHours(6), null, null));

        patient.check(device, "ext4");

        assertThat(host.executed().get(0).timeout()).isEqualTo(java.time.Duration.ofHours(6));
    }

    @Test
    void checksExt3WithE2fsckToo() {
        host.expectSuccess("e2fsck", "-p", "--", DEV);

        filesystems.check(device, "ext3");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 12, 16, 32})
    void failsWhenE2fsckLeftErrorsSayingWhatToDoAndQuotingNoneOfItsOutput(int exit, CapturedOutput log) {
        host.expect(List.of("e2fsck", "-p", "--", DEV), exit, "", DEV + ": UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY.");

        // The message is what the volume's error in the operation's answer says (workflow.Failures).
        assertThatExceptionOfType(FilesystemCheckException.class)
                .isThrownBy(() -> filesystems.check(device, "ext4"))
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(exit))
                .satisfies(e -> assertThat(Failures.describe(e)).isEqualTo(e.getMessage()))
                .withMessage("e2fsck found errors it could not repair (exit " + exit + "); its output is in the agent's "
                        + "log. Repair the filesystem by hand (e2fsck -f) or restore an older snapshot");
        assertThat(log).contains("UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY.");
    }

    @Test
    void runsNoCheckForXfsWhoseMountReplaysTheLog() {
        filesystems.check(device, "xfs");

        assertThat(host.executed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ext4", "ext3"})
    void growsAMountedExtFilesystemOnlineAndSaysSo(String fsType) throws IOException {
        mounted(fsType);
        host.expect(List.of("blockdev", "--getsize64", DEV), 0, "21474836480\n", "")
                .expect(dumpe2fs(), 0, dumpe2fsHeader(2621440), "")
                .expectSuccess("resize2fs", "--", DEV)
                .expect(dumpe2fs(), 0, dumpe2fsHeader(5242880), "");

        assertThat(filesystems.growIfNeeded(device, "/mnt/solr", fsType)).isTrue();
    }

    @Test
    void neverGrowsAnUnmountedFilesystemOffline() {
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> filesystems.growIfNeeded(device, "/mnt/solr", "ext4"))
                .withMessageContaining("not mounted");
        assertThat(host.executed()).isEmpty();
    }

    @Test
    void failsWhenTheKernelRefusesAnOnlineExt4Resize() throws IOException {
        mounted("ext4");
        // What resize2fs says here without CAP_SYS_RESOURCE (seen in this build's container).
        host.expect(List.of("blockdev", "--getsize64", DEV), 0, "21474836480\n", "")
                .expect(dumpe2fs(), 0, dumpe2fsHeader(2621440), "")
                .expect(List.of("resize2fs", "--", DEV), 1, "Filesystem at /dev/null is mounted on /mnt/solr; on-line resizing required\n",
                        "resize2fs: Permission denied to resize filesystem\n");

        assertThatExceptionOfType(HostCommandException.class)
                .isThrownBy(() -> filesystems.growIfNeeded(device, "/mnt/solr", "ext4"))
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(1));
    }

    @Test
    void leavesAFilesystemThatFillsItsDevice() throws IOException {
        mounted("ext4");
        host.expect(List.of("blockdev", "--getsize64", DEV), 0, "21474836480\n", "")
                .expect(dumpe2fs(), 0, dumpe2fsHeader(5242880), "");

        assertThat(filesystems.growIfNeeded(device, "/mnt/solr", "ext4")).isFalse();
    }

    @Test
    void growsXfsOnItsMountPoint() throws IOException {
        mounted("xfs");
        host.expect(List.of("blockdev", "--getsize64", DEV), 0, "524288000\n", "")
                .expect(List.of("xfs_growfs", "-n", "--", "/mnt/solr"), 0, xfsInfo(102400), "")
                .expectSuccess("xfs_growfs", "-d", "--", "/mnt/solr")
                .expect(List.of("xfs_growfs", "-n", "--", "/mnt/solr"), 0, xfsInfo(128000), "");

        assertThat(filesystems.growIfNeeded(device, "/mnt/solr", "xfs")).isTrue();
    }

    @Test
    void saysNotGrownWhenTheRemainderWasTooSmallToUse() throws IOException {
        mounted("xfs");
        host.expect(List.of("blockdev", "--getsize64", DEV), 0, "524288000\n", "")
                .expect(List.of("xfs_growfs", "-n", "--", "/mnt/solr"), 0, xfsInfo(127990), "")
                .expectSuccess("xfs_growfs", "-d", "--", "/mnt/solr")
                .expect(List.of("xfs_growfs", "-n", "--", "/mnt/solr"), 0, xfsInfo(127990), "");

        assertThat(filesystems.growIfNeeded(device, "/mnt/solr", "xfs")).isFalse();
    }

    /** The device (/dev/null is 1:3) mounted at /mnt/solr. */
    private void mounted(String fsType) throws IOException {
        Files.writeString(mountInfo, "40 27 1:3 / /mnt/solr rw - " + fsType + " /dev/null rw\n", StandardOpenOption.APPEND);
    }

    private static List<String> blkid() {
        return List.of("blkid", "-p", "-o", "export", "--", DEV);
    }

    private static List<String> dumpe2fs() {
        return List.of("dumpe2fs", "-h", "--", DEV);
    }

    private static String dumpe2fsHeader(long blocks) {
        return "Filesystem volume name:   <none>\nBlock count:              " + blocks
                + "\nBlock size:               4096\nFilesystem created:       Sun Nov 29 15:20:06 2026\n";
    }

    private static String xfsInfo(long blocks) {
        return """
                meta-data=/dev/loop0             isize=512    agcount=4, agsize=25600 blks
                         =                       sectsz=512   attr=2, projid32bit=1
                data     =                       bsize=4096   blocks=%d, imaxpct=25
                         =                       sunit=0      swidth=0 blks
                log      =internal log           bsize=4096   blocks=16384, version=2
                """.formatted(blocks);
    }
}
