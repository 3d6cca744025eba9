package io.snaptastic.web;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = ProblemTestController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class ApiExceptionHandlerTests {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "unknown-snapshotter,    404, unknown-snapshotter",
        "invalid-volumes,        422, invalid-volumes",
        "missing-userdata,       422, missing-userdata",
        "invalid-userdata,       422, invalid-userdata",
        "conflict,               409, conflict",
        "idempotency-key-reused, 422, idempotency-key-reused",
        "operation-not-found,    404, not-found",
        "invalid-wait,           400, validation-failed",
        "unavailable,            503, unavailable",
        "ec2-not-found,          404, ec2-not-found",
        "ec2-conflict,           409, ec2-conflict",
        "ec2-throttled,          503, ec2-throttled",
        "ec2-snapshot-rate,      503, ec2-throttled",
        "ec2-snapshot-limit,     409, ec2-snapshot-limit",
        "snapshot-limit-workflow, 409, ec2-snapshot-limit",
        "ec2-invalid-request,    422, ec2-invalid-request",
        "ec2-denied,             403, ec2-denied",
        "ec2-unsupported,        501, ec2-unsupported",
        "ec2-wait-failed,        504, ec2-wait-failed",
        "ec2-unavailable,        502, ec2-unavailable",
        "host-command,           500, internal",
        "anything-else,          500, internal",
    })
    void answersEachAgentExceptionWithItsProblem(String kind, int status, String slug) throws Exception {
        mvc.perform(get("/test/failures/" + kind).header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type(slug)))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void listsEveryVolumeProblemInErrors() throws Exception {
        mvc.perform(get("/test/failures/invalid-volumes").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.errors[0]").value("volumes[0].device: bad"))
                .andExpect(jsonPath("$.errors[1]").value("volumes[1].size: bad"));
    }

    @Test
    void namesTheRunningOperationInAConflict() throws Exception {
        mvc.perform(get("/test/failures/conflict").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.operationId").value("op-1"));
    }

    @Test
    void keepsTheAwsCodeAndAsksToRetryWhenThrottled() throws Exception {
        mvc.perform(get("/test/failures/ec2-throttled").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.awsCode").value("RequestLimitExceeded"))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"));
    }

    @ParameterizedTest
    @CsvSource({"host-command", "anything-else"})
    void neverShowsAnInternalFailuresMessage(String kind) throws Exception {
        mvc.perform(get("/test/failures/" + kind).header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(jsonPath("$.detail").value("internal error, see the agent's log"))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("/var/lib"))))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void answersProblemJsonEvenWhenTheClientAcceptsOnlyHtml() throws Exception {
        mvc.perform(get("/test/failures/unknown-snapshotter").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .accept("text/html"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM_JSON));
    }
}
