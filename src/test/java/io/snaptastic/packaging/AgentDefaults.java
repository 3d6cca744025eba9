package io.snaptastic.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The ports the agent listens on by default, read from its own application.yml, so packaging can be checked against them. */
record AgentDefaults(String serverAddress, int serverPort, int managementPort) {

    static AgentDefaults read() throws IOException {
        try (InputStream in = AgentDefaults.class.getResourceAsStream("/application.yml")) {
            Map<String, Object> yaml = RenderedChart.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
            Map<String, Object> server = RenderedChart.at(yaml, "server");
            Map<String, Object> management = RenderedChart.at(yaml, "management", "server");
            return new AgentDefaults(
                    (String) server.get("address"), (Integer) server.get("port"), (Integer) management.get("port"));
        }
    }

    /** The agent's default snaptastic.state-dir, where it keeps its freeze records. */
    static String stateDir() throws IOException {
        try (InputStream in = AgentDefaults.class.getResourceAsStream("/application.yml")) {
            Map<String, Object> yaml = RenderedChart.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
            return (String) RenderedChart.at(yaml, "snaptastic").get("state-dir");
        }
    }
}
