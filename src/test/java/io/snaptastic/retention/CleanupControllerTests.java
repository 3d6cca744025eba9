package io.snaptastic.retention;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.problem;
import static io.snaptastic.web.WebTestSupport.type;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.problem.ProblemType;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.UnknownSnapshotterException;
import io.snaptastic.web.WebTestSupport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = CleanupController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class CleanupControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SnapshotterResolver resolver;

    @MockitoBean
    Cleanups cleanups;

    @MockitoBean
    Operations operations;

    @Test
    void startsACleanupOperationAndAnswers202WithItsLocation() throws Exception {
        SnapshotterContext context = mock(SnapshotterContext.class);
        given(resolver.resolve("solr", null)).willReturn(context);
        Operation running = Operation.started("op-1", OperationType.CLEANUP, "solr", Instant.EPOCH);
        given(cleanups.submit(eq(context), eq(true), eq("key-1"), anyString())).willReturn(running);
        given(operations.await("op-1", Duration.ZERO)).willReturn(running);

        mvc.perform(post("/snapshots/cleanup").header(HttpHeaders.AUTHORIZATION, BEARER).header("Idempotency-Key", "key-1")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"snapshotter\":\"solr\",\"dryRun\":true}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/operations/op-1"))
                .andExpect(jsonPath("$.type").value("cleanup"));
    }

    @Test
    void needsAToken() throws Exception {
        mvc.perform(post("/snapshots/cleanup").contentType(MediaType.APPLICATION_JSON).content("{\"snapshotter\":\"solr\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON));
        then(cleanups).should(never()).submit(any(), eq(false), any(), any());
    }

    @Test
    void refusesABodyWithoutASnapshotter() throws Exception {
        mvc.perform(post("/snapshots/cleanup").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"dryRun\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type("validation-failed")));
        then(cleanups).should(never()).submit(any(), eq(true), any(), any());
    }

    @Test
    void aSnapshotterThatDoesNotResolveStartsNoCleanup() throws Exception {
        given(resolver.resolve("nope", null)).willThrow(new UnknownSnapshotterException("nope"));

        mvc.perform(post("/snapshots/cleanup").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"snapshotter\":\"nope\"}"))
                .andExpect(problem(ProblemType.UNKNOWN_SNAPSHOTTER));
        then(cleanups).shouldHaveNoInteractions();
        then(operations).shouldHaveNoInteractions();
    }
}
