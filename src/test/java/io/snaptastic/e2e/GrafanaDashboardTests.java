package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.packaging.DashboardQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every query of packaging/grafana/snaptastic.json names metrics and labels that a running agent exports,
 * read from its /actuator/prometheus after a mount, a snapshot and one retried EC2 call.
 */
@RequiresLoopDevices
class GrafanaDashboardTests {

    static final Path DASHBOARD = Path.of("packaging/grafana/snaptastic.json");

    @Test
    void everyQueryNamesMetricsAndLabelsTheAgentExports() throws Exception {
        String dashboard = Files.readString(DASHBOARD);
        DashboardQueries queries = DashboardQueries.read(dashboard);
        // One failed CreateVolume that the SDK retries, so the retry series exist as they would under throttling.
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.health.ec2-cache-ttl=0s",
                "snaptastic.sandbox.faults.fail-first.CreateVolume=1")) {
            String solr = "{\"snapshotter\":\"solr\"}";
            assertThat(agent.post("/mounts?wait=120", solr).json().get("status").asText()).isEqualTo("succeeded");
            assertThat(agent.post("/snapshots?wait=120", solr).json().get("status").asText()).isEqualTo("succeeded");
            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");
            assertThat(agent.post("/mounts?wait=120", solr).json().get("status").asText()).isEqualTo("succeeded");
            Actuator actuator = Actuator.of(agent);
            actuator.health("/actuator/health");

            String scrape = actuator.scrape();

            assertThat(queries.expressions()).hasSizeGreaterThan(10);
            assertThat(queries.missingFrom(scrape)).isEmpty();
            assertThat(DashboardQueries.read(dashboard.replace("snaptastic_freeze_seconds_sum", "snaptastic_freez_seconds_sum"))
                    .missingFrom(scrape)).as("a misspelt metric is found").isNotEmpty()
                    .allMatch(problem -> problem.endsWith("metric snaptastic_freez_seconds_sum"));
            assertThat(DashboardQueries.read(dashboard.replace("by (instance, snapshotter)", "by (instance, snapshoter)"))
                    .missingFrom(scrape)).as("a misspelt label is found").isNotEmpty()
                    .allMatch(problem -> problem.endsWith("label snapshoter"));
        }
    }
}
