package io.snaptastic.packaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelmValuesSchemaTests {

    @RegisterExtension
    static final HelmRunner helm = new HelmRunner();

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "image.pullPolicy, Sometimes",
        "managementPort, 0",
        "server.port, 70000",
        "dataRoot, mnt",
        "dataRoot, /",
        "stateDir, relative/state",
        "hostNetwork, yes please",
        "hostnetwork, false",
        "snaptastic, not-a-map",
        "token.value, too-short",
        "token.value, with a space in it",
    })
    void refusesValuesOutsideTheSchema(String key, String value) {
        assertThatThrownBy(() -> RenderedChart.render(helm, ChartValues.defaults().set(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"dataRoot, /data", "managementPort, 9169", "token.value, 0123456789abcdef", "image.pullPolicy, Always"})
    void acceptsValuesWithinTheSchema(String key, String value) {
        assertThatCode(() -> RenderedChart.render(helm, ChartValues.defaults().set(key, value))).doesNotThrowAnyException();
    }
}
