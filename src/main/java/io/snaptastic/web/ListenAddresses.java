package io.snaptastic.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Which of the agent's listeners (API, and the actuator when it has its own port) reach beyond
 * loopback. Boot binds every interface when no address is set, and the actuator's own port does not
 * inherit {@code server.address}.
 */
final class ListenAddresses {

    private ListenAddresses() {}

    /** Each exposed listener, described as {@code property=value}; empty when all listen on loopback. */
    static List<String> exposed(Environment environment) {
        List<String> exposed = new ArrayList<>();
        check("server.address", environment.getProperty("server.address"), exposed);
        String managementPort = environment.getProperty("management.server.port");
        boolean ownPort = managementPort != null && !managementPort.equals("-1")
                && !managementPort.equals(environment.getProperty("server.port", "8080"));
        if (ownPort) {
            check("management.server.address", environment.getProperty("management.server.address"), exposed);
        }
        return exposed;
    }

    private static void check(String property, String address, List<String> exposed) {
        if (address == null || address.isBlank()) {
            exposed.add(property + " unset (all interfaces)");
            return;
        }
        try {
            if (!InetAddress.getByName(address.strip()).isLoopbackAddress()) {
                exposed.add(property + "=" + address.strip());
            }
        } catch (UnknownHostException e) {
            exposed.add(property + "=" + address.strip() + " (unresolvable)");
        }
    }
}
