package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTests {

    record Thing(String name, Map<String, String> tags) {}

    final Filters<Thing> filters = new Filters<>(Map.of("name", thing -> List.of(thing.name())), Thing::tags);
    final Thing solr = new Thing("solr-1", Map.of("role", "solr", "env", "prod"));
    final Thing pg = new Thing("pg-1", Map.of("role", "postgres"));

    @Test
    void everyFilterMustMatchAndAnyOfItsValues() {
        assertThat(filters.apply(List.of(solr, pg), Map.of("tag:role", List.of("solr", "postgres")))).containsExactly(solr, pg);
        assertThat(filters.apply(List.of(solr, pg), Map.of("tag:role", List.of("solr", "postgres"), "tag-key", List.of("env"))))
                .containsExactly(solr);
        assertThat(filters.apply(List.of(solr, pg), Map.of("tag-value", List.of("prod")))).containsExactly(solr);
        assertThat(filters.apply(List.of(solr, pg), Map.of("tag:missing", List.of("*")))).isEmpty();
    }

    @Test
    void valuesHoldEc2Wildcards() {
        assertThat(Filters.wildcard("solr-*", "solr-1")).isTrue();
        assertThat(Filters.wildcard("*", "")).isTrue();
        assertThat(Filters.wildcard("solr-?", "solr-12")).isFalse();
        assertThat(Filters.wildcard("a.b", "axb")).isFalse();
        assertThat(Filters.wildcard("a\\*", "a*")).isTrue();
        assertThat(Filters.wildcard("a\\*", "ab")).isFalse();
        assertThat(filters.apply(List.of(solr, pg), Map.of("name", List.of("*-1")))).containsExactly(solr, pg);
    }

    @Test
    void unknownFilterOrOneWithoutValuesIsAnError() {
        assertThatThrownBy(() -> filters.apply(List.of(solr), Map.of("colour", List.of("red"))))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> filters.apply(List.of(solr), Map.of("name", List.of())))
                .isInstanceOf(Ec2Error.class);
    }
}
