package io.snaptastic.volume;

import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.instance.InvalidUserdataException;
import io.snaptastic.snapshotter.MissingUserdataException;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.UnknownSnapshotterException;
import io.snaptastic.web.ApiFixtures;
import io.snaptastic.web.WebTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(controllers = VolumeController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class VolumeControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SnapshotterResolver resolver;

    @MockitoBean
    VolumeService volumes;

    @Test
    void listsTheSnapshottersVolumesWithoutAToken() throws Exception {
        SnapshotterContext solr = ApiFixtures.context("solr");
        given(resolver.resolve("solr", null)).willReturn(solr);
        given(volumes.list(solr)).willReturn(List.of(new VolumeStatus("/dev/sdf", "/mnt/solr", 20, "gp3", 3000,
                "vol-0123456789abcdef0", 20, "attached", true, new VolumeStatus.Usage(100, 40, 60, 40))));

        mvc.perform(get("/volumes").param("snapshotter", "solr"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].device").value("/dev/sdf"))
                .andExpect(jsonPath("$[0].volumeId").value("vol-0123456789abcdef0"))
                .andExpect(jsonPath("$[0].state").value("attached"))
                .andExpect(jsonPath("$[0].mounted").value(true))
                .andExpect(jsonPath("$[0].usage.usedPercent").value(40));
    }

    @Test
    void anUnknownSnapshotterIs404() throws Exception {
        given(resolver.resolve("nope", null)).willThrow(new UnknownSnapshotterException("nope"));

        expectProblem(mvc.perform(get("/volumes").param("snapshotter", "nope")), 404, "unknown-snapshotter");
        then(volumes).shouldHaveNoInteractions();
    }

    @Test
    void missingOrInvalidUserdataIs422() throws Exception {
        given(resolver.resolve("solr", null)).willThrow(new MissingUserdataException("solr", "cluster"));
        given(resolver.resolve("broken", null)).willThrow(new InvalidUserdataException("userdata is not a JSON object"));

        expectProblem(mvc.perform(get("/volumes").param("snapshotter", "solr")), 422, "missing-userdata");
        expectProblem(mvc.perform(get("/volumes").param("snapshotter", "broken")), 422, "invalid-userdata");
        then(volumes).shouldHaveNoInteractions();
    }

    @Test
    void theSnapshotterParameterIsRequired() throws Exception {
        expectProblem(mvc.perform(get("/volumes")), 400, "malformed-request");
        then(resolver).shouldHaveNoInteractions();
    }

    private static ResultActions expectProblem(ResultActions result, int status, String slug) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type(slug)));
    }
}
