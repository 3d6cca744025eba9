package io.snaptastic.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the actuator's own port listen where the API listens unless {@code management.server.address}
 * says otherwise: Boot binds that port to every interface when the address is unset, which would put
 * the metrics on the network while the API stays on loopback. Set as a default rather than in
 * application.yml because Boot refuses a management address when the actuator shares the API's port.
 */
class ManagementAddressDefault implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "snaptasticManagementAddress";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty("management.server.port");
        String address = environment.getProperty("server.address");
        if (port == null || port.equals("-1") || address == null
                || environment.containsProperty("management.server.address")) {
            return;
        }
        boolean samePort = !port.equals("0") && port.equals(environment.getProperty("server.port", "8080"));
        if (!samePort) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                    Map.of("management.server.address", address)));
        }
    }

    /** After the configuration files are read, so their values are seen. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
