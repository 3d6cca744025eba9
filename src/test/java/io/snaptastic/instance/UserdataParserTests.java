package io.snaptastic.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserdataParserTests {

    private final UserdataParser parser = new UserdataParser();

    @Test
    void readsAJsonObjectWithNestedValues() {
        Map<String, Object> userdata = parser.parse("""
                {"role": "solr", "cluster": "search", "environment": "production",
                 "volumes": [{"device": "/dev/sdf", "size": 20}], "replicas": 3}
                """);

        assertThat(userdata)
                .containsEntry("role", "solr")
                .containsEntry("cluster", "search")
                .containsEntry("replicas", 3)
                .containsEntry("volumes", List.of(Map.of("device", "/dev/sdf", "size", 20)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n"})
    void readsNoUserdataAsAnEmptyMap(String blank) {
        assertThat(parser.parse(blank)).isEmpty();
        assertThat(parser.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"solr\"", "42", "true", "null"})
    void refusesJsonThatIsNotAnObject(String notAnObject) {
        assertThatThrownBy(() -> parser.parse(notAnObject))
                .isInstanceOf(InvalidUserdataException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void refusesMalformedJsonAndNamesTheProblem() {
        assertThatThrownBy(() -> parser.parse("{\"role\": solr}"))
                .isInstanceOf(InvalidUserdataException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parser.parse("#!/bin/bash\necho hello"))
                .isInstanceOf(InvalidUserdataException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void refusesAKeyGivenTwice() {
        assertThatThrownBy(() -> parser.parse("{\"role\": \"solr\", \"role\": \"postgres\"}"))
                .isInstanceOf(InvalidUserdataException.class)
                .hasMessageContaining("role");
    }
}
