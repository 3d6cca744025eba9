package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The contract: the API description the running agent serves at {@code /v3/api-docs.yaml} equals the
 * reviewed {@code api.yaml} at the repository's root, compared as data (key order and quoting aside).
 * A change to an endpoint therefore shows up in a review of api.yaml; the served document is written to
 * {@code target/served-api.yaml} to make updating it easy.
 */
class ApiContractTests {

    static final Path CONTRACT = Path.of("api.yaml");
    static final Path SERVED = Path.of("target/served-api.yaml");

    @Test
    void theServedApiDescriptionEqualsApiYaml() throws Exception {
        String served;
        // The test sources hold controllers of their own (error and operation fixtures); they are not the API.
        try (AgentUnderTest agent = AgentUnderTest.start("springdoc.paths-to-exclude=/test/**,/test-operations/**")) {
            AgentUnderTest.Answer answer = agent.get("/v3/api-docs.yaml");
            assertThat(answer.status()).isEqualTo(200);
            served = answer.body();
        }
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, served);

        List<String> differences = new ArrayList<>();
        compare("", parse(Files.readString(CONTRACT)), parse(served), differences);

        assertThat(differences)
                .as("api.yaml (the contract) and the served description differ; review %s and copy it to api.yaml "
                        + "if the change is meant", SERVED.toAbsolutePath())
                .isEmpty();
    }

    @Test
    void theComparisonNamesEachDifference() {
        List<String> differences = new ArrayList<>();
        compare("", parse("a: {b: 1, c: [x, y]}\nd: 2"), parse("a: {b: 2, c: [x]}\ne: 3"), differences);

        assertThat(differences).containsExactly(
                "a.b: api.yaml has 1, served has 2",
                "a.c: api.yaml has 2 items, served has 1",
                "d: only in api.yaml",
                "e: only in served");
    }

    private static Object parse(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    /** Collects every path at which the two documents differ, so a failure shows all of them at once. */
    private static void compare(String at, Object contract, Object served, List<String> differences) {
        if (contract instanceof Map<?, ?> a && served instanceof Map<?, ?> b) {
            TreeSet<String> keys = new TreeSet<>();
            a.keySet().forEach(key -> keys.add(String.valueOf(key)));
            b.keySet().forEach(key -> keys.add(String.valueOf(key)));
            for (String key : keys) {
                String path = at.isEmpty() ? key : at + "." + key;
                if (!a.containsKey(key)) {
                    differences.add(path + ": only in served");
                } else if (!b.containsKey(key)) {
                    differences.add(path + ": only in api.yaml");
                } else {
                    compare(path, a.get(key), b.get(key), differences);
                }
            }
        } else if (contract instanceof List<?> a && served instanceof List<?> b) {
            if (a.size() != b.size()) {
                differences.add(at + ": api.yaml has " + a.size() + " items, served has " + b.size());
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                compare(at + "[" + i + "]", a.get(i), b.get(i), differences);
            }
        } else if (!Objects.equals(contract, served)) {
            differences.add(at + ": api.yaml has " + contract + ", served has " + served);
        }
    }
}
