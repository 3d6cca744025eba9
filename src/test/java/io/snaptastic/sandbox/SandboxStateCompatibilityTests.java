package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file written by an earlier sandbox, without fields added since, still loads. */
class SandboxStateCompatibilityTests {

    @TempDir
    Path stateDir;

    @Test
    void volumesWrittenBeforeMultiAttachWasModelledLoadWithoutIt() throws Exception {
        String volume;
        try (SandboxHarness ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks())) {
            volume = ec2.createVolume(1);
        }
        Path state = stateDir.resolve("sandbox/state.json");
        String written = Files.readString(state);
        String older = written.replaceAll(",\\s*\"multiAttachEnabled\"\\s*:\\s*false", "");
        assertThat(older).isNotEqualTo(written).doesNotContain("multiAttachEnabled");
        Files.writeString(state, older);

        try (SandboxHarness ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks())) {
            assertThat(ec2.call("DescribeVolumes", "VolumeId.1", volume).ok().text("//volumeSet/item/multiAttachEnabled"))
                    .isEqualTo("false");
        }
    }
}
