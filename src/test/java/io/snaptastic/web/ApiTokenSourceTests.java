package io.snaptastic.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snaptastic.config.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenSourceTests {

    @TempDir
    Path stateDir;

    @Test
    void createsATokenFileReadableOnlyByItsOwnerOnFirstStart() throws Exception {
        Path file = stateDir.resolve("new/token");

        ApiToken token = ApiTokenSource.load(null, file, List.of());

        String written = Files.readString(file).strip();
        assertThat(written).matches("[A-Za-z0-9_-]{43}");
        assertThat(token.matches(written)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readsAnExistingTokenFile() throws Exception {
        Path file = stateDir.resolve("token");
        Files.writeString(file, "an-existing-token-0123\n");

        ApiToken token = ApiTokenSource.load(null, file, List.of("server.address=10.0.0.1"));

        assertThat(token.matches("an-existing-token-0123")).isTrue();
        assertThat(token.matches("an-existing-token-0124")).isFalse();
    }

    @Test
    void theConfiguredTokenWinsOverTheFile() throws Exception {
        Path file = stateDir.resolve("token");
        Files.writeString(file, "the-file-token-0123456");

        ApiToken token = ApiTokenSource.load("the-configured-token-01", file, List.of());

        assertThat(token.matches("the-configured-token-01")).isTrue();
        assertThat(token.matches("the-file-token-0123456")).isFalse();
    }

    @Test
    void refusesToStartExposedWithoutAProvisionedToken() {
        Path file = stateDir.resolve("token");

        assertThatThrownBy(() -> ApiTokenSource.load(" ", file, List.of("server.address=0.0.0.0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("server.address=0.0.0.0")
                .hasMessageContaining("no token is provisioned");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAShortOrEmptyToken() throws Exception {
        Path file = stateDir.resolve("token");
        Files.writeString(file, "\n");

        assertThatThrownBy(() -> ApiTokenSource.load(null, file, List.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> ApiTokenSource.load("short", file, List.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("snaptastic.security.token");
    }

    @Test
    void aTokenNeverShowsInItsString() {
        assertThat(new ApiToken("a-secret-token-0123456")).hasToString("ApiToken[hidden]");
    }
}
