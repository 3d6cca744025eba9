package io.snaptastic.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ListenAddressesTests {

    @Test
    void loopbackListenersAreNotExposed() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("server.address", "127.0.0.1")
                .withProperty("server.port", "8168")
                .withProperty("management.server.port", "8169")
                .withProperty("management.server.address", "::1");

        assertThat(ListenAddresses.exposed(environment)).isEmpty();
    }

    @Test
    void anUnsetOrPublicAddressIsExposed() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("server.address", "0.0.0.0")
                .withProperty("management.server.port", "8169");

        assertThat(ListenAddresses.exposed(environment)).containsExactly(
                "server.address=0.0.0.0", "management.server.address unset (all interfaces)");
    }

    @Test
    void theActuatorOnTheApiPortSharesItsAddress() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("server.address", "localhost")
                .withProperty("server.port", "8168")
                .withProperty("management.server.port", "8168");

        assertThat(ListenAddresses.exposed(environment)).isEmpty();
    }
}
