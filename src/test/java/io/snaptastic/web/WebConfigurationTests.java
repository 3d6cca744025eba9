package io.snaptastic.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.config.InvalidConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The start-up decision about the token, with the properties an operator sets. */
class WebConfigurationTests {

    @TempDir
    Path stateDir;

    private WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withUserConfiguration(WebConfiguration.class)
                .withPropertyValues("snaptastic.state-dir=" + stateDir, "server.address=127.0.0.1");
    }

    @Test
    void refusesToStartOnAPublicAddressWithoutAProvisionedToken() {
        runner().withPropertyValues("server.address=0.0.0.0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("server.address=0.0.0.0");
            assertThat(stateDir.resolve("token")).doesNotExist();
        });
    }

    @Test
    void startsOnAPublicAddressWithAConfiguredToken() {
        runner().withPropertyValues("server.address=0.0.0.0", "snaptastic.security.token=a-provisioned-token-0123")
                .run(context -> assertThat(context.getBean(ApiToken.class).matches("a-provisioned-token-0123")).isTrue());
    }

    @Test
    void makesATokenFileOnLoopback() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(stateDir.resolve("token")).exists();
        });
    }

    @Test
    void readsTheTokenFileItIsPointedTo() throws Exception {
        Path file = stateDir.resolve("elsewhere");
        java.nio.file.Files.writeString(file, "a-token-from-a-file-0123");

        runner().withPropertyValues("snaptastic.security.token-file=" + file, "server.address=10.1.2.3")
                .run(context -> assertThat(context.getBean(ApiToken.class).matches("a-token-from-a-file-0123")).isTrue());
    }
}
