package io.snaptastic.web;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.snapshotter.UnknownSnapshotterException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** The container's error page, as a filter's exception or a sendError reaches it. */
@WebMvcTest(controllers = ProblemErrorController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class ProblemErrorControllerTests {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({
        "400, malformed-request",
        "404, not-found",
        "405, method-not-allowed",
        "413, payload-too-large",
        "415, unsupported-media-type",
        "500, internal",
    })
    void answersAStatusWithItsProblem(int status, String slug) throws Exception {
        mvc.perform(get("/error").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status))
                .andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type(slug)));
    }

    @Test
    void aStatusWithoutItsOwnTypeIsAnAboutBlankProblem() throws Exception {
        mvc.perform(get("/error").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 414))
                .andExpect(status().is(414))
                .andExpect(content().contentType(PROBLEM_JSON))
                // RFC 9457 3.1.1: an absent type means about:blank
                .andExpect(jsonPath("$.type").doesNotExist())
                .andExpect(jsonPath("$.title").value("URI Too Long"));
    }

    @Test
    void describesAnAgentExceptionAFilterRaised() throws Exception {
        mvc.perform(get("/error").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION,
                                new ServletException(new UnknownSnapshotterException("solr"))))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(type("unknown-snapshotter")));
    }

    @Test
    void hidesAnUnexpectedExceptionAFilterRaised() throws Exception {
        mvc.perform(get("/error").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("/etc/secret")))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value(type("internal")))
                .andExpect(jsonPath("$.detail").value("internal error, see the agent's log"))
                .andExpect(content().string(not(containsString("/etc/secret"))));
    }

    @Test
    void askedForDirectlyItIsNotFound() throws Exception {
        mvc.perform(get("/error").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(type("not-found")));
    }
}
