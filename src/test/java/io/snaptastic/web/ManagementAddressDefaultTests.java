package io.snaptastic.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ManagementAddressDefaultTests {

    private final ManagementAddressDefault defaults = new ManagementAddressDefault();

    @Test
    void theActuatorsOwnPortListensWhereTheApiListens() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("server.port", "8168").withProperty("management.server.port", "8169");

        defaults.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void anExplicitManagementAddressWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("management.server.port", "8169").withProperty("management.server.address", "10.0.0.5");

        defaults.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("management.server.address")).isEqualTo("10.0.0.5");
    }

    @Test
    void theActuatorOnTheApiPortGetsNoAddressOfItsOwn() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("server.port", "8168").withProperty("management.server.port", "8168");

        defaults.postProcessEnvironment(environment, null);

        assertThat(environment.containsProperty("management.server.address")).isFalse();
    }

    @Test
    void randomPortsAreSeparatePorts() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "127.0.0.1")
                .withProperty("server.port", "0").withProperty("management.server.port", "0");

        defaults.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
    }
}
