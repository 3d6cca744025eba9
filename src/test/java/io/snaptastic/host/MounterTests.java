package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostException.InvalidOperandException;
import io.snaptastic.host.HostException.MountBusyException;
import io.snaptastic.host.HostException.MountConflictException;
import io.snaptastic.host.HostException.MountFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MounterTests {

    @TempDir
    Path dir;

    final ScriptedHostExecutor host = new ScriptedHostExecutor();
    Path device;
    Path mountInfo;
    String mountPoint;
    Mounter mounter;

    @BeforeEach
    void setUp() throws IOException {
        device = Files.createSymbolicLink(dir.resolve("sdf"), Path.of("/dev/null"));
        mountInfo = dir.resolve("mountinfo");
        mountPoint = dir.toRealPath().resolve("mnt/solr").toString();
        mounted("");
        mounter = new UtilLinuxMounter(host, new MountTable(mountInfo));
    }

    @AfterEach
    void allCommandsRan() throws IOException {
        // Removed here: the temp dir's cleanup warns about links that lead out of it.
        Files.deleteIfExists(device);
        host.verifyDone();
    }

    @Test
    void createsTheMountPointAndMountsWithTheOptions() {
        host.expectSuccess("mount", "-t", "xfs", "-o", "defaults,noatime", "--", "/dev/null", mountPoint);

        mounter.mount(device, mountPoint, "xfs", List.of("defaults", "noatime"));

        assertThat(Path.of(mountPoint)).isDirectory();
    }

    @Test
    void mountsAnExt3ThePythonSnaptasticMade() {
        host.expectSuccess("mount", "-t", "ext3", "-o", "defaults", "--", "/dev/null", mountPoint);

        mounter.mount(device, mountPoint, "ext3", List.of("defaults"));
    }

    @Test
    void saysWhyTheKernelRefusedAMountWithoutNamingHostPaths() {
        host.expect(List.of("mount", "-t", "xfs", "-o", "defaults", "--", "/dev/null", mountPoint), 32, "",
                "mount: " + mountPoint + ": wrong fs type, bad option, bad superblock on /dev/null, missing codepage or helper"
                        + " program, or other error.\n       dmesg(1) may have more information after failed mount system call.\n");

        assertThatExceptionOfType(MountFailedException.class)
                .isThrownBy(() -> mounter.mount(device, mountPoint, "xfs", List.of("defaults")))
                .withMessageContaining("at " + mountPoint + " failed: wrong fs type, bad option, bad superblock on the device")
                .withMessageNotContaining("/dev/null")
                .withMessageNotContaining(device.toString())
                .withCauseInstanceOf(HostCommandException.class);
    }

    @Test
    void doesNothingWhenTheDeviceIsAlreadyMountedThere() throws IOException {
        mounted("40 27 1:3 / " + mountPoint + " rw - xfs /dev/null rw\n");

        mounter.mount(device, mountPoint, "xfs", List.of("defaults"));

        assertThat(host.executed()).isEmpty();
    }

    @Test
    void refusesAMountPointThatHoldsAnotherDevice() throws IOException {
        mounted("40 27 259:3 / " + mountPoint + " rw - xfs /dev/nvme3n1 rw\n");

        assertThatExceptionOfType(MountConflictException.class)
                .isThrownBy(() -> mounter.mount(device, mountPoint, "xfs", List.of()))
                .withMessageContaining("/dev/nvme3n1");
    }

    @Test
    void refusesAMountPointReachedThroughALink() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), elsewhere);

        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> mounter.mount(device, link.toString(), "ext4", List.of()));
    }

    @Test
    void refusesUnsafeOptionsBeforeRunningAnything() {
        assertThatExceptionOfType(InvalidOperandException.class)
                .isThrownBy(() -> mounter.mount(device, mountPoint, "ext4", List.of("noatime,suid")));
        assertThat(Path.of(mountPoint)).doesNotExist();
    }

    @Test
    void unmountsWhatIsMounted() throws IOException {
        mounted("40 27 1:3 / " + mountPoint + " rw - xfs /dev/null rw\n");
        host.expectSuccess("umount", "--", mountPoint).expectSuccess("umount", "-l", "--", mountPoint);

        mounter.unmount(mountPoint, false);
        mounter.unmount(mountPoint, true);
    }

    @Test
    void unmountingWhatIsNotMountedDoesNothing() {
        mounter.unmount(mountPoint, false);

        assertThat(host.executed()).isEmpty();
    }

    @Test
    void reportsABusyFilesystemClearly() throws IOException {
        mounted("40 27 1:3 / " + mountPoint + " rw - xfs /dev/null rw\n");
        host.expect(List.of("umount", "--", mountPoint), 32, "", "umount: " + mountPoint + ": target is busy.");

        assertThatExceptionOfType(MountBusyException.class)
                .isThrownBy(() -> mounter.unmount(mountPoint, false))
                .withMessageContaining(mountPoint)
                .withMessageContaining("unmount lazily");
    }

    @Test
    void reportsOtherUnmountFailuresWithTheCommand() throws IOException {
        mounted("40 27 1:3 / " + mountPoint + " rw - xfs /dev/null rw\n");
        host.expect(List.of("umount", "--", mountPoint), 1, "", "umount: permission denied");

        assertThatExceptionOfType(HostCommandException.class)
                .isThrownBy(() -> mounter.unmount(mountPoint, false))
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(1));
    }

    @Test
    void tellsWhatIsMountedAtAMountPoint() throws IOException {
        mounted("40 27 1:3 / " + mountPoint + " rw - xfs /dev/null rw\n");

        assertThat(mounter.mountedAt(mountPoint)).map(MountEntry::fsType).hasValue("xfs");
    }

    private void mounted(String lines) throws IOException {
        Files.writeString(mountInfo, "27 1 254:0 / / rw - ext4 /dev/vda rw\n" + lines);
    }
}
