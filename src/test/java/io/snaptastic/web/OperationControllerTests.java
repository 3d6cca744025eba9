package io.snaptastic.web;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.snaptastic.operation.FailureDescriber;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.OperationsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.util.FileSystemUtils;

@WebMvcTest(controllers = {OperationController.class, DummyOperationController.class},
        properties = WebTestSupport.TOKEN_PROPERTY)
@Import({WebTestSupport.class, OperationControllerTests.RealOperations.class})
class OperationControllerTests {

    static final String HOLD = "{\"devices\":[\"/dev/sdf\"],\"hold\":true}";
    static final String QUICK = "{\"devices\":[\"/dev/sdf\"]}";

    @Autowired
    MockMvc mvc;

    @Autowired
    OperationGate gate;

    @AfterEach
    void releaseHeldOperations() {
        gate.close();
    }

    @Test
    void startsAnOperationAndAnswers202WithItsLocation() throws Exception {
        String id = idOf(start("accepted", HOLD, null, 0)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("running"))
                .andExpect(jsonPath("$.type").value("mount"))
                .andExpect(jsonPath("$.snapshotter").value("accepted"))
                .andExpect(jsonPath("$.startedAt").value(matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z")))
                .andExpect(jsonPath("$.endedAt").doesNotExist()));

        mvc.perform(get("/operations/" + id).header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));
    }

    @Test
    void answers200WithTheFinishedOperationWhenItFinishesWithinTheWait() throws Exception {
        start("quick", QUICK, null, 10)
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.LOCATION, matchesPattern("/operations/op-.*")))
                .andExpect(jsonPath("$.status").value("succeeded"))
                .andExpect(jsonPath("$.endedAt").isNotEmpty())
                .andExpect(jsonPath("$.volumes[0].device").value("/dev/sdf"))
                .andExpect(jsonPath("$.volumes[0].step").value("mounted"));
    }

    @Test
    void aFailedOperationCarriesTheProblemItFailedWith() throws Exception {
        start("failing", "{\"fail\":true}", null, 10)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("failed"))
                .andExpect(jsonPath("$.error.type").value(type("unknown-snapshotter")))
                .andExpect(jsonPath("$.error.detail").value("no snapshotter is named 'failing'"));
    }

    @Test
    void refusesASecondOperationOnABusySnapshotterWith409() throws Exception {
        String running = idOf(start("busy", HOLD, null, 0));

        start("busy", QUICK, null, 0)
                .andExpect(status().isConflict())
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type("conflict")))
                .andExpect(jsonPath("$.operationId").value(running));
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheFirstOperation() throws Exception {
        String first = idOf(start("retried", HOLD, "key-retried", 0));

        start("retried", HOLD, "key-retried", 0)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").value(first));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIs422() throws Exception {
        start("reused", HOLD, "key-reused", 0);

        start("reused", QUICK, "key-reused", 0)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type("idempotency-key-reused")));
    }

    @Test
    void refusesAWaitOutsideItsRange() throws Exception {
        start("waiting", QUICK, null, 901)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type("validation-failed")));
        mvc.perform(get("/operations/op-x").param("wait", "-1").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(type("validation-failed")));
    }

    @Test
    void waitsForARunningOperationWhenAsked() throws Exception {
        String id = idOf(start("awaited", HOLD, null, 0));
        gate.open();

        mvc.perform(get("/operations/" + id).param("wait", "10").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("succeeded"));
    }

    @Test
    void listsOperationsNewestFirstAndBySnapshotter() throws Exception {
        String older = idOf(start("listed", QUICK, null, 10));
        String newer = idOf(start("listed", QUICK, null, 10));

        mvc.perform(get("/operations").param("snapshotter", "listed").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].id").value(newer))
                .andExpect(jsonPath("$[1].id").value(older));
    }

    @Test
    void anUnknownOperationIs404() throws Exception {
        mvc.perform(get("/operations/op-unknown").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type("not-found")));
    }

    @Test
    void operationsNeedTheToken() throws Exception {
        mvc.perform(get("/operations"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(type("unauthorized")));
        mvc.perform(post("/test-operations/solr").contentType(MediaType.APPLICATION_JSON).content(QUICK))
                .andExpect(status().isUnauthorized());
    }

    private ResultActions start(String snapshotter, String body, String idempotencyKey, int wait) throws Exception {
        var request = post("/test-operations/" + snapshotter).param("wait", String.valueOf(wait))
                .header(HttpHeaders.AUTHORIZATION, BEARER)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    private static String idOf(ResultActions result) throws Exception {
        return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
    }

    /** A real runner journalling into a temporary directory that goes with the context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RealOperations {

        @Bean
        OperationGate operationGate() {
            return new OperationGate();
        }

        @Bean(destroyMethod = "")
        Path journalDirectory() throws IOException {
            return Files.createTempDirectory("snaptastic-operations");
        }

        @Bean(destroyMethod = "close")
        Operations operations(Path journalDirectory, FailureDescriber describer, OperationGate gate) {
            return new Operations(journalDirectory, new OperationsProperties(4, 16, 200, Duration.ofDays(7),
                    Duration.ofHours(24), Duration.ofSeconds(5), null), describer, Clock.systemUTC()) {
                @Override
                public void close() {
                    gate.close();
                    super.close();
                    FileSystemUtils.deleteRecursively(journalDirectory.toFile());
                }
            };
        }
    }
}
