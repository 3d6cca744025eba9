package io.snaptastic.volume;

import static io.snaptastic.web.WebTestSupport.problem;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.problem.ProblemType;
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
    void aSnapshotterThatDoesNotResolveListsNothing() throws Exception {
        given(resolver.resolve("nope", null)).willThrow(new UnknownSnapshotterException("nope"));

        mvc.perform(get("/volumes").param("snapshotter", "nope")).andExpect(problem(ProblemType.UNKNOWN_SNAPSHOTTER));
        then(volumes).shouldHaveNoInteractions();
    }

    @Test
    void theSnapshotterParameterIsRequired() throws Exception {
        mvc.perform(get("/volumes")).andExpect(problem(ProblemType.MALFORMED_REQUEST));
        then(resolver).shouldHaveNoInteractions();
    }
}
