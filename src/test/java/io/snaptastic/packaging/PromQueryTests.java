package io.snaptastic.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQueryTests {

    @Test
    void readsMetricsWithTheirSelectorLabelsAndTheGroupingLabels() {
        PromQuery query = PromQuery.parse("sum by (action, outcome) (rate(snaptastic_ec2_calls_total{instance=~\"$instance\","
                + " outcome=\"throttled\"}[$__rate_interval])) / on (instance) group_left snaptastic_up");

        assertThat(query.metrics()).containsOnly(entry("snaptastic_ec2_calls_total", Set.of("instance", "outcome")),
                entry("snaptastic_up", Set.of()));
        assertThat(query.groupingLabels()).containsExactlyInAnyOrder("action", "outcome", "instance");
    }

    @Test
    void ignoresFunctionsKeywordsStringsAndRanges() {
        PromQuery query = PromQuery.parse("histogram_quantile(0.99, sum without (pod) (rate(x_bucket{a=\"rate(y)\"}[5m])))"
                + " > bool 1 and max_over_time(z[1h:5m]) offset 5m");

        assertThat(query.metrics().keySet()).containsExactly("x_bucket", "z");
        assertThat(query.groupingLabels()).containsExactly("pod");
    }
}
