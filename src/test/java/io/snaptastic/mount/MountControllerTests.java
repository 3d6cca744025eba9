package io.snaptastic.mount;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.UnknownSnapshotterException;
import io.snaptastic.web.ApiFixtures;
import io.snaptastic.web.WebTestSupport;
import java.time.Duration;
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

@WebMvcTest(controllers = MountController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class MountControllerTests {

    static final String SOLR = "{\"snapshotter\":\"solr\"}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SnapshotterResolver resolver;

    @MockitoBean
    MountOperations mounts;

    @MockitoBean
    MountOverview overview;

    @MockitoBean
    Operations operations;

    @Test
    void startsAMountAndAnswers202WithTheOperationsLocation() throws Exception {
        SnapshotterContext solr = ApiFixtures.context("solr");
        given(resolver.resolve("solr", null)).willReturn(solr);
        given(mounts.mount(eq(solr), eq(new MountOptions(false, false)), isNull(), anyString()))
                .willReturn(ApiFixtures.running("op-1", OperationType.MOUNT, "solr"));
        given(operations.await("op-1", Duration.ZERO)).willReturn(ApiFixtures.running("op-1", OperationType.MOUNT, "solr"));

        postMount(SOLR, "0")
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/operations/op-1"))
                .andExpect(jsonPath("$.id").value("op-1"))
                .andExpect(jsonPath("$.type").value("mount"))
                .andExpect(jsonPath("$.status").value("running"));
    }

    @Test
    void answers200WithTheFinishedOperationWhenItFinishesWithinTheWait() throws Exception {
        given(resolver.resolve("solr", null)).willReturn(ApiFixtures.context("solr"));
        given(mounts.mount(any(), any(), isNull(), anyString()))
                .willReturn(ApiFixtures.running("op-2", OperationType.MOUNT, "solr"));
        given(operations.await("op-2", Duration.ofSeconds(120)))
                .willReturn(ApiFixtures.succeeded("op-2", OperationType.MOUNT, "solr"));

        postMount(SOLR, "120")
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.LOCATION, "/operations/op-2"))
                .andExpect(jsonPath("$.status").value("succeeded"))
                .andExpect(jsonPath("$.volumes[0].device").value("/dev/sdf"));
    }

    @Test
    void passesDryRunIgnoreMountedAndTheUserdataOverrideOn() throws Exception {
        Map<String, Object> userdata = Map.of("cluster", "old");
        SnapshotterContext solr = ApiFixtures.context("solr");
        given(resolver.resolve("solr", userdata)).willReturn(solr);
        given(mounts.mount(eq(solr), eq(new MountOptions(true, true)), eq("key-1"), anyString()))
                .willReturn(ApiFixtures.succeeded("op-3", OperationType.MOUNT, "solr"));

        mvc.perform(post("/mounts").header(HttpHeaders.AUTHORIZATION, BEARER).header("Idempotency-Key", "key-1")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"snapshotter\":\"solr\","
                                + "\"userdata\":{\"cluster\":\"old\"},\"dryRun\":true,\"ignoreMounted\":true}"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.LOCATION, "/operations/op-3"))
                .andExpect(jsonPath("$.status").value("succeeded"));
    }

    @Test
    void unmountsWithDeleteVolumesAndAnswers202() throws Exception {
        SnapshotterContext solr = ApiFixtures.context("solr");
        given(resolver.resolve("solr", null)).willReturn(solr);
        given(mounts.unmount(eq(solr), eq(true), isNull(), anyString()))
                .willReturn(ApiFixtures.running("op-4", OperationType.UNMOUNT, "solr"));
        given(operations.await("op-4", Duration.ZERO)).willReturn(ApiFixtures.running("op-4", OperationType.UNMOUNT, "solr"));

        mvc.perform(delete("/mounts/solr").param("deleteVolumes", "true").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/operations/op-4"))
                .andExpect(jsonPath("$.type").value("unmount"));
    }

    @Test
    void listsTheMountsOfEverySnapshotterWithoutAToken() throws Exception {
        given(overview.all()).willReturn(List.of(new MountOverview.SnapshotterMounts("solr",
                List.of(new MountOverview.MountPointState("/dev/sdf", "/mnt/solr", true, "/dev/nvme1n1", "ext4")), null)));

        mvc.perform(get("/mounts"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].snapshotter").value("solr"))
                .andExpect(jsonPath("$[0].mounts[0].mountPoint").value("/mnt/solr"))
                .andExpect(jsonPath("$[0].mounts[0].mounted").value(true))
                .andExpect(jsonPath("$[0].mounts[0].fileSystem").value("ext4"));
    }

    @Test
    void anUnknownSnapshotterIs404() throws Exception {
        given(resolver.resolve("nope", null)).willThrow(new UnknownSnapshotterException("nope"));

        expectProblem(postMount("{\"snapshotter\":\"nope\"}", "0"), 404, "unknown-snapshotter");
        expectProblem(mvc.perform(delete("/mounts/nope").header(HttpHeaders.AUTHORIZATION, BEARER)), 404,
                "unknown-snapshotter");
        then(mounts).shouldHaveNoInteractions();
    }

    @Test
    void aWaitOutOfRangeIs400BeforeAnythingIsResolved() throws Exception {
        expectProblem(postMount(SOLR, "901"), 400, "validation-failed");
        expectProblem(postMount(SOLR, "-1"), 400, "validation-failed");
        expectProblem(mvc.perform(delete("/mounts/solr").param("wait", "901").header(HttpHeaders.AUTHORIZATION, BEARER)),
                400, "validation-failed");
        then(resolver).shouldHaveNoInteractions();
        then(mounts).shouldHaveNoInteractions();
    }

    @Test
    void mountingAndUnmountingNeedTheToken() throws Exception {
        expectProblem(mvc.perform(post("/mounts").contentType(MediaType.APPLICATION_JSON).content(SOLR)), 401, "unauthorized");
        expectProblem(mvc.perform(delete("/mounts/solr")), 401, "unauthorized");
        then(resolver).shouldHaveNoInteractions();
        then(mounts).shouldHaveNoInteractions();
    }

    private ResultActions postMount(String body, String wait) throws Exception {
        return mvc.perform(post("/mounts").param("wait", wait).header(HttpHeaders.AUTHORIZATION, BEARER)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static ResultActions expectProblem(ResultActions result, int status, String slug) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type(slug)))
                .andExpect(jsonPath("$.status").value(status));
    }
}
