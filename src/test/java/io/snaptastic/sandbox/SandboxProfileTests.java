package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.config.PlatformDefaults;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** The profile the README's first command uses: the sandbox and the seed tutorial's snapshotter. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("sandbox")
class SandboxProfileTests {

    static final Path STATE_DIR = createStateDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("snaptastic.state-dir", STATE_DIR::toString);
        registry.add("snaptastic.sandbox.port", () -> "0");
    }

    @AfterAll
    static void removeStateDir() throws Exception {
        FileSystemUtils.deleteRecursively(STATE_DIR);
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("snaptastic-sandbox-profile");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired
    PlatformDefaults platform;

    @Autowired
    SnapshotterRegistry snapshotters;

    @Autowired
    SandboxProperties sandbox;

    @Test
    void sandboxProfileStartsTheSandboxWithTheSolrSnapshotter() {
        assertThat(sandbox.enabled()).isTrue();
        assertThat(sandbox.userdata()).isEqualTo(SandboxProperties.DEMO_USERDATA);
        assertThat(platform.ec2Endpoint()).hasValueSatisfying(uri -> assertThat(uri.getHost()).isEqualTo("127.0.0.1"));
        assertThat(snapshotters.find("solr")).hasValueSatisfying(solr -> {
            var volumes = solr.volumes(java.util.Map.of("role", "solr", "cluster", "solr", "environment", "sandbox"));
            assertThat(volumes).singleElement().satisfies(volume -> {
                assertThat(volume.device()).isEqualTo("/dev/sdf");
                assertThat(volume.mountPoint()).isEqualTo("/mnt/solr");
                assertThat(volume.size()).isEqualTo(20);
                assertThat(volume.fileSystem()).isEqualTo("ext4");
            });
        });
        assertThat(STATE_DIR.resolve("sandbox/state.json")).isRegularFile();
    }
}
