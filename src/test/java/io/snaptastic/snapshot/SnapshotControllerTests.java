package io.snaptastic.snapshot;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.ec2.Snapshot;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.UnknownSnapshotterException;
import io.snaptastic.web.ApiFixtures;
import io.snaptastic.web.WebTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(controllers = SnapshotController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class SnapshotControllerTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SnapshotterResolver resolver;

    @MockitoBean
    SnapshotOperations snapshots;

    @MockitoBean
    SnapshotQueryService query;

    @MockitoBean
    SnapshotDeleter deleter;

    @MockitoBean
    Operations operations;

    @Test
    void startsASnapshotAndAnswers202WithTheOperationsLocation() throws Exception {
        SnapshotterContext solr = ApiFixtures.context("solr");
        given(resolver.resolve("solr", null)).willReturn(solr);
        given(snapshots.snapshot(eq(solr), isNull(), anyString()))
                .willReturn(ApiFixtures.running("op-1", OperationType.SNAPSHOT, "solr"));
        given(operations.await("op-1", Duration.ZERO)).willReturn(ApiFixtures.running("op-1", OperationType.SNAPSHOT, "solr"));

        postSnapshot(SOLR, "0")
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/operations/op-1"))
                .andExpect(jsonPath("$.type").value("snapshot"))
                .andExpect(jsonPath("$.status").value("running"));
    }

    @Test
    void answers200WithTheFinishedOperationWhenItFinishesWithinTheWait() throws Exception {
        SnapshotterContext solr = ApiFixtures.context("solr");
        given(resolver.resolve("solr", Map.of("cluster", "old"))).willReturn(solr);
        given(snapshots.snapshot(eq(solr), eq("key-1"), anyString()))
                .willReturn(ApiFixtures.running("op-2", OperationType.SNAPSHOT, "solr"));
        given(operations.await("op-2", Duration.ofSeconds(60)))
                .willReturn(ApiFixtures.succeeded("op-2", OperationType.SNAPSHOT, "solr"));

        mvc.perform(post("/snapshots").param("wait", "60").header(HttpHeaders.AUTHORIZATION, BEARER)
                        .header("Idempotency-Key", "key-1").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"snapshotter\":\"solr\",\"userdata\":{\"cluster\":\"old\"}}"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.LOCATION, "/operations/op-2"))
                .andExpect(jsonPath("$.status").value("succeeded"));
    }

    @Test
    void listsSnapshotsByMountPointNewestFirstWithoutAToken() throws Exception {
        SnapshotterContext solr = ApiFixtures.context("solr");
        given(resolver.resolve("solr", null)).willReturn(solr);
        Snapshot newest = new Snapshot("snap-0123456789abcdef0", "vol-0123456789abcdef0", "completed", "100%",
                Instant.parse("2026-11-29T12:00:00Z"), 20, "solr snapshot of /mnt/solr",
                Map.of("snaptastic:managed", "true", "mount_point", "/mnt/solr"));
        Snapshot older = new Snapshot("snap-00000000000000001", "vol-0123456789abcdef0", "completed", "100%",
                Instant.parse("2026-11-28T12:00:00Z"), 20, "made by hand", Map.of("mount_point", "/mnt/solr"));
        given(query.byMountPoint(solr)).willReturn(Map.of("/mnt/solr", List.of(newest, older)));

        mvc.perform(get("/snapshots").param("snapshotter", "solr"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].mountPoint").value("/mnt/solr"))
                .andExpect(jsonPath("$[0].snapshots[0].id").value("snap-0123456789abcdef0"))
                .andExpect(jsonPath("$[0].snapshots[0].managed").value(true))
                .andExpect(jsonPath("$[0].snapshots[0].startTime").value("2026-11-29T12:00:00Z"))
                .andExpect(jsonPath("$[0].snapshots[1].managed").value(false));
    }

    @Test
    void listingNeedsTheSnapshotterParameter() throws Exception {
        expectProblem(mvc.perform(get("/snapshots")), 400, "malformed-request");
        then(query).shouldHaveNoInteractions();
    }

    @Test
    void deletesAManagedSnapshotWith204() throws Exception {
        mvc.perform(delete("/snapshots/snap-0123456789abcdef0").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isNoContent());
        then(deleter).should().delete("snap-0123456789abcdef0");
    }

    @Test
    void anUnknownSnapshotterIs404() throws Exception {
        given(resolver.resolve("nope", null)).willThrow(new UnknownSnapshotterException("nope"));

        expectProblem(postSnapshot("{\"snapshotter\":\"nope\"}", "0"), 404, "unknown-snapshotter");
        expectProblem(mvc.perform(get("/snapshots").param("snapshotter", "nope")), 404, "unknown-snapshotter");
        then(snapshots).shouldHaveNoInteractions();
        then(query).shouldHaveNoInteractions();
    }

    @Test
    void aWaitOutOfRangeIs400BeforeAnythingIsResolved() throws Exception {
        expectProblem(postSnapshot(SOLR, "901"), 400, "validation-failed");
        expectProblem(postSnapshot(SOLR, "-5"), 400, "validation-failed");
        then(resolver).shouldHaveNoInteractions();
        then(snapshots).shouldHaveNoInteractions();
    }

    @Test
    void snapshottingAndDeletingNeedTheToken() throws Exception {
        expectProblem(mvc.perform(post("/snapshots").contentType(MediaType.APPLICATION_JSON).content(SOLR)), 401,
                "unauthorized");
        expectProblem(mvc.perform(delete("/snapshots/snap-0123456789abcdef0")), 401, "unauthorized");
        then(snapshots).shouldHaveNoInteractions();
        then(deleter).shouldHaveNoInteractions();
    }

    private ResultActions postSnapshot(String body, String wait) throws Exception {
        return mvc.perform(post("/snapshots").param("wait", wait).header(HttpHeaders.AUTHORIZATION, BEARER)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static ResultActions expectProblem(ResultActions result, int status, String slug) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type(slug)))
                .andExpect(jsonPath("$.status").value(status));
    }
}
