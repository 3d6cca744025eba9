package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.snaptastic.host.FilesystemMount.Origin;
import io.snaptastic.host.FilesystemMount.Phase;
import io.snaptastic.host.HostException.FilesystemCheckException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one format-and-mount entry, on loop devices as root: what it formats, checks, mounts and grows. */
class SafeFormatAndMountHostTests {

    static final long MIB = 1 << 20;
    static final List<String> OPTIONS = List.of("defaults");

    final HostExecutor executor = new ProcessHostExecutor();
    final Filesystems filesystems = new Filesystems(executor, new MountTable());
    final Mounter mounter = new UtilLinuxMounter(executor, new MountTable());
    final SafeFormatAndMount formatAndMount = new SafeFormatAndMount(filesystems, mounter);
    final List<Phase> phases = new ArrayList<>();
    HostFixture host;

    @BeforeEach
    void createFixture() throws IOException {
        host = HostFixture.create();
    }

    @AfterEach
    void releaseEverything() throws IOException {
        host.close();
    }

    @Test
    void formatsABlankEmptyVolumeAndMountsIt() {
        Path device = host.loop("blank", 64 * MIB).device();
        String mountPoint = host.mountPoint("blank");

        MountedFilesystem mounted = formatAndMount.mount(FilesystemMount.empty(device, mountPoint, OPTIONS, "ext4"), phases::add);

        assertThat(mounted).isEqualTo(new MountedFilesystem("ext4", Optional.empty()));
        assertThat(phases).containsExactly(Phase.FORMAT, Phase.MOUNT);
        assertThat(mounter.mountedAt(mountPoint)).map(MountEntry::fsType).hasValue("ext4");
    }

    @Test
    void mountsWhatARestoredVolumeHoldsAndGrowsItOnline() throws IOException {
        HostFixture.assumeXfs();
        LoopDevice loop = host.loop("restored", 320 * MIB);
        String mountPoint = host.mountPoint("restored");
        filesystems.format(loop.device(), "xfs", false);
        mounter.mount(loop.device(), mountPoint, "xfs", OPTIONS);
        Files.writeString(Path.of(mountPoint, "kept"), "data");
        mounter.unmount(mountPoint, false);
        loop.grow(640 * MIB);

        // Configured for ext4, as an agent left at its default restoring the Python tool's XFS.
        MountedFilesystem mounted = formatAndMount.mount(FilesystemMount.of(loop.device(), mountPoint, OPTIONS, Origin.SNAPSHOT),
                phases::add);

        assertThat(mounted.fsType()).isEqualTo("xfs");
        assertThat(mounted.growFailure()).isEmpty();
        assertThat(phases).containsExactly(Phase.CHECK, Phase.MOUNT, Phase.GROW);
        assertThat(Path.of(mountPoint, "kept")).hasContent("data");
        assertThat(Files.getFileStore(Path.of(mountPoint)).getTotalSpace()).isGreaterThan(480 * MIB);
    }

    @Test
    void neverFormatsARestoredOrKeptVolumeThatHoldsNothing() {
        Path device = host.loop("nothing", 64 * MIB).device();
        String mountPoint = host.mountPoint("nothing");

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> formatAndMount.mount(FilesystemMount.of(device, mountPoint, OPTIONS, Origin.SNAPSHOT), phases::add))
                .withMessage("the volume restored from a snapshot holds no filesystem; it is left unformatted");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> formatAndMount.mount(FilesystemMount.of(device, mountPoint, OPTIONS, Origin.KEPT), phases::add))
                .withMessage("blkid finds no filesystem on it; it is left unformatted");
        assertThat(filesystems.probe(device).empty()).isTrue();
        assertThat(mounter.mountedAt(mountPoint)).isEmpty();
    }

    @Test
    void checksAnExt4BeforeTheMountAndMountsNoneWhoseCheckFails() throws IOException {
        Path device = host.loop("broken", 64 * MIB).device();
        String mountPoint = host.mountPoint("broken");
        filesystems.format(device, "ext4", false);
        // The root inode cleared and the filesystem marked unclean: e2fsck -p stops, "UNEXPECTED
        // INCONSISTENCY; RUN fsck MANUALLY" (exit 4), where blkid still finds the ext4.
        Path commands = Files.writeString(host.dir().resolve("break-root"), "clri <2>\nssv state 0\n");
        executor.run(HostFixture.command("debugfs", "-w", "-f", commands.toString(), device.toString()));

        assertThatExceptionOfType(FilesystemCheckException.class)
                .isThrownBy(() -> formatAndMount.mount(FilesystemMount.of(device, mountPoint, OPTIONS, Origin.KEPT), phases::add));
        assertThat(phases).containsExactly(Phase.CHECK);
        assertThat(mounter.mountedAt(mountPoint)).isEmpty();
    }

    @Test
    void checksAndMountsAnEmptyVolumeThatIsAlreadyFormatted() throws IOException {
        Path device = host.loop("formatted", 64 * MIB).device();
        String mountPoint = host.mountPoint("formatted");
        filesystems.format(device, "ext4", false);

        MountedFilesystem mounted = formatAndMount.mount(FilesystemMount.empty(device, mountPoint, OPTIONS, "xfs"), phases::add);

        assertThat(mounted.fsType()).isEqualTo("ext4");
        assertThat(phases).containsExactly(Phase.CHECK, Phase.MOUNT);
    }
}
