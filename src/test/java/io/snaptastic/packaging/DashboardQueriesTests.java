package io.snaptastic.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardQueriesTests {

    static final String SCRAPE = """
            # TYPE snaptastic_freeze_seconds summary
            snaptastic_freeze_seconds_count{snapshotter="solr"} 1
            snaptastic_reaper_volumes_deleted_total 0.0
            """;

    static String dashboard(String expr, String variable) {
        return """
                {"panels": [{"type": "row", "title": "r", "panels": [{"title": "p", "targets": [{"refId": "A", "expr": "%s"}]}]}],
                 "templating": {"list": [{"name": "instance", "type": "query", "query": {"query": "%s"}},
                                         {"name": "datasource", "type": "datasource", "query": "prometheus"}]}}
                """.formatted(expr, variable);
    }

    @Test
    void findsNothingMissingWhenEverySeriesAndLabelIsScraped() {
        DashboardQueries queries = DashboardQueries.read(dashboard(
                "sum by (instance, snapshotter) (rate(snaptastic_freeze_seconds_count{instance=~\\\"$instance\\\"}[5m]))",
                "label_values(snaptastic_reaper_volumes_deleted_total, instance)"));

        assertThat(queries.expressions()).containsOnlyKeys("p A", "variable instance");
        assertThat(queries.missingFrom(SCRAPE)).isEmpty();
    }

    @Test
    void namesAMisspeltMetricAndLabelWithTheirPanel() {
        DashboardQueries queries = DashboardQueries.read(dashboard(
                "sum by (snapshoter) (snaptastic_freeze_seconds_count) + snaptastic_freez_seconds_count{snapshotter=\\\"x\\\"}",
                "label_values(snaptastic_reaper_volumes_deleted_total, mount_point)"));

        assertThat(queries.missingFrom(SCRAPE)).containsExactlyInAnyOrder("p A: metric snaptastic_freez_seconds_count",
                "p A: label snapshoter", "variable instance: label mount_point");
    }
}
