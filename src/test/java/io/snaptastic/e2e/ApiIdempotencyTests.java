package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A retried request with the same Idempotency-Key, over real HTTP against the agent in sandbox mode,
 * returns the operation the first one started and starts nothing; the key with another body is 422.
 */
@RequiresLoopDevices
class ApiIdempotencyTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";
    static final String OTHER = "{\"snapshotter\":\"solr\",\"userdata\":{\"role\":\"solr\",\"cluster\":\"other\","
            + "\"environment\":\"sandbox\"}}";

    @Test
    void theSameKeyAndBodyReturnTheFirstOperationAndAnotherBodyIs422() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.sandbox.faults.latency.CreateSnapshots=2s")) {
            agent.post("/mounts?wait=120", SOLR);
            ApiRequests api = new ApiRequests(agent);

            AgentUnderTest.Answer first = api.post("/snapshots", SOLR, "nightly-2026-11-29");
            assertThat(first.status()).isEqualTo(202);
            String operationId = first.json().get("id").asText();

            AgentUnderTest.Answer retry = api.post("/snapshots", SOLR, "nightly-2026-11-29");
            assertThat(retry.status()).isIn(200, 202);
            assertThat(retry.json().get("id").asText()).isEqualTo(operationId);

            AgentUnderTest.Answer reused = api.post("/snapshots", OTHER, "nightly-2026-11-29");
            assertThat(reused.status()).isEqualTo(422);
            assertThat(reused.contentType()).isEqualTo("application/problem+json");
            assertThat(reused.json().get("type").asText()).isEqualTo("https://snaptastic.io/problems/idempotency-key-reused");
            assertThat(reused.json().get("operationId").asText()).isEqualTo(operationId);

            AgentUnderTest.Answer afterItFinished = api.post("/snapshots?wait=120", SOLR, "nightly-2026-11-29");
            assertThat(afterItFinished.status()).isEqualTo(200);
            JsonNode operation = afterItFinished.json();
            assertThat(operation.get("id").asText()).isEqualTo(operationId);
            assertThat(operation.get("status").asText()).isEqualTo("succeeded");
            assertThat(agent.get("/operations?snapshotter=solr").json().valueStream()
                    .filter(each -> each.get("type").asText().equals("snapshot")).count())
                    .as("retries started nothing").isEqualTo(1);
        }
    }
}
