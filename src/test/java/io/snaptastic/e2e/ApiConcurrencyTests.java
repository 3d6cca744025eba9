package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One operation per snapshotter, over real HTTP against the agent in sandbox mode: of two snapshot
 * requests sent together, one starts the operation and the other is told which operation runs. The
 * sandbox's CreateSnapshots is made slow so the first is surely still running when the second arrives.
 */
@RequiresLoopDevices
class ApiConcurrencyTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    @Test
    void ofTwoConcurrentSnapshotsOneRunsAndTheOtherIs409NamingIt() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.sandbox.faults.latency.CreateSnapshots=2s")) {
            assertThat(agent.post("/mounts?wait=120", SOLR).json().get("status").asText()).isEqualTo("succeeded");
            ApiRequests api = new ApiRequests(agent);

            CompletableFuture<AgentUnderTest.Answer> first = api.postAsync("/snapshots", SOLR, null);
            CompletableFuture<AgentUnderTest.Answer> second = api.postAsync("/snapshots", SOLR, null);
            List<AgentUnderTest.Answer> answers = List.of(first.join(), second.join()).stream()
                    .sorted(Comparator.comparingInt(AgentUnderTest.Answer::status)).toList();

            AgentUnderTest.Answer started = answers.get(0);
            AgentUnderTest.Answer refused = answers.get(1);
            assertThat(started.status()).isEqualTo(202);
            String operationId = started.json().get("id").asText();
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            JsonNode problem = refused.json();
            assertThat(problem.get("type").asText()).isEqualTo("https://snaptastic.io/problems/conflict");
            assertThat(problem.get("operationId").asText()).isEqualTo(operationId);

            JsonNode finished = agent.get("/operations/" + operationId + "?wait=120").json();
            assertThat(finished.get("status").asText()).isEqualTo("succeeded");
            assertThat(agent.get("/operations?snapshotter=solr").json().valueStream()
                    .filter(operation -> operation.get("type").asText().equals("snapshot")).count())
                    .as("the refused request started nothing").isEqualTo(1);
        }
    }

    @Test
    void aSnapshotRequestedWhileOneRunsIs409AndOnceItFinishedTheNextRuns() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start("snaptastic.sandbox.faults.latency.CreateSnapshots=2s")) {
            agent.post("/mounts?wait=120", SOLR);

            AgentUnderTest.Answer running = agent.post("/snapshots", SOLR);
            assertThat(running.status()).isEqualTo(202);
            String operationId = running.json().get("id").asText();

            AgentUnderTest.Answer refused = agent.post("/snapshots?wait=30", SOLR);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("operationId").asText()).isEqualTo(operationId);

            agent.get("/operations/" + operationId + "?wait=120");
            AgentUnderTest.Answer next = agent.post("/snapshots?wait=120", SOLR);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().get("id").asText()).isNotEqualTo(operationId);
            assertThat(next.json().get("status").asText()).isEqualTo("succeeded");
        }
    }
}
