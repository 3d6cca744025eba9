package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One scrape of /actuator/prometheus (it needs the token) after a mount, a snapshot and a cleanup. */
@RequiresLoopDevices
class OpsMetricsTests {

    @Test
    void prometheusShowsOperationsFreezeRestoreEc2CallsAndSnapshotAge() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.health.ec2-cache-ttl=0s")) {
            String solr = "{\"snapshotter\":\"solr\"}";
            assertThat(agent.post("/mounts?wait=120", solr).json().get("status").asText()).isEqualTo("succeeded");
            assertThat(agent.post("/snapshots?wait=120", solr).json().get("status").asText()).isEqualTo("succeeded");
            assertThat(agent.delete("/mounts/solr?wait=120&deleteVolumes=true").json().get("status").asText())
                    .isEqualTo("succeeded");
            assertThat(agent.post("/mounts?wait=120", solr).json().get("status").asText()).isEqualTo("succeeded");
            assertThat(agent.post("/snapshots/cleanup?wait=60", "{\"snapshotter\":\"solr\",\"dryRun\":true}").json()
                    .get("status").asText()).isEqualTo("succeeded");
            Actuator actuator = Actuator.of(agent);
            actuator.health("/actuator/health");

            String scrape = actuator.scrape();

            assertThat(scrape)
                    .contains("snaptastic_operations_seconds_count{outcome=\"succeeded\",type=\"mount\"} 2")
                    .contains("snaptastic_operations_seconds_count{outcome=\"succeeded\",type=\"snapshot\"} 1")
                    .contains("snaptastic_operations_seconds_count{outcome=\"succeeded\",type=\"cleanup\"} 1")
                    .contains("snaptastic_freeze_seconds_count{snapshotter=\"solr\"} 1")
                    .contains("snaptastic_restore_seconds_count{outcome=\"succeeded\",snapshotter=\"solr\"} 1")
                    .contains("snaptastic_ec2_calls_total{action=\"CreateVolume\",outcome=\"success\"} 2")
                    .contains("snaptastic_snapshot_newest_age_seconds{mount_point=\"" + agent.mountPoint("solr") + "\"}")
                    .contains("snaptastic_reaper_volumes_deleted_total")
                    .contains("http_server_requests_seconds_count")
                    .as("no Tomcat session gauges: the API keeps no sessions, and binding them costs start-up time")
                    .doesNotContain("tomcat_sessions");
        }
    }
}
