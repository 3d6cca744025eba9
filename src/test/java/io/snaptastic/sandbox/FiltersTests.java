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
        assertThat(filters.apply(List.of(solr, pg), List.of(filter("tag:role", "solr", "postgres")))).containsExactly(solr, pg);
        assertThat(filters.apply(List.of(solr, pg), List.of(filter("tag:role", "solr", "postgres"), filter("tag-key", "env"))))
                .containsExactly(solr);
        assertThat(filters.apply(List.of(solr, pg), List.of(filter("tag-value", "prod")))).containsExactly(solr);
        assertThat(filters.apply(List.of(solr, pg), List.of(filter("tag:missing", "*")))).isEmpty();
    }

    @Test
    void filtersOfOneNameMustEachMatchNotAnyOfThem() {
        Thing both = new Thing("both-1", Map.of("role", "solr", "env", "prod"));
        Thing onlyRole = new Thing("role-1", Map.of("role", "solr"));

        assertThat(filters.apply(List.of(both, onlyRole), List.of(filter("tag-key", "role"), filter("tag-key", "env"))))
                .containsExactly(both);
        assertThat(filters.apply(List.of(both, onlyRole), List.of(filter("tag-key", "role", "env")))).containsExactly(both, onlyRole);
        assertThat(filters.apply(List.of(both, onlyRole), List.of(filter("tag:role", "solr"), filter("tag:role", "postgres"))))
                .isEmpty();
    }

    @Test
    void valuesHoldEc2Wildcards() {
        assertThat(Filters.wildcard("solr-*", "solr-1")).isTrue();
        assertThat(Filters.wildcard("*", "")).isTrue();
        assertThat(Filters.wildcard("solr-?", "solr-12")).isFalse();
        assertThat(Filters.wildcard("a.b", "axb")).isFalse();
        assertThat(Filters.wildcard("a\\*", "a*")).isTrue();
        assertThat(Filters.wildcard("a\\*", "ab")).isFalse();
        assertThat(filters.apply(List.of(solr, pg), List.of(filter("name", "*-1")))).containsExactly(solr, pg);
    }

    @Test
    void unknownFilterOrOneWithoutValuesIsAnError() {
        assertThatThrownBy(() -> filters.apply(List.of(solr), List.of(filter("colour", "red"))))
                .isInstanceOfSatisfying(Ec2Error.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> filters.apply(List.of(solr), List.of(filter("name"))))
                .isInstanceOf(Ec2Error.class);
    }

    private static Filters.Filter filter(String name, String... values) {
        return new Filters.Filter(name, List.of(values));
    }
}
