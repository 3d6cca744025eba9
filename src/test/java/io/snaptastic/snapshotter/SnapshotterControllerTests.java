package io.snaptastic.snapshotter;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.web.WebTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = SnapshotterController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import({WebTestSupport.class, SnapshotterControllerTests.Snapshotters.class})
class SnapshotterControllerTests {

    @Autowired
    MockMvc mvc;

    @Test
    void listsEverySnapshotterWithoutAToken() throws Exception {
        mvc.perform(get("/snapshotters"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[0].name").value("custom"))
                .andExpect(jsonPath("$[1].name").value("fromuserdata"))
                .andExpect(jsonPath("$[2].name").value("seed"))
                .andExpect(jsonPath("$[3].name").value("solr"));
    }

    @Test
    void showsTheSeedsPartitionNameAsTheDiskItIsAttachedAsWithAWarning() throws Exception {
        mvc.perform(get("/snapshotters/seed"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.volumes[0].device").value("/dev/sdf"))
                .andExpect(jsonPath("$.warnings.length()").value(1))
                .andExpect(jsonPath("$.warnings[0]").value(org.hamcrest.Matchers.startsWith(
                        "volumes[0].device: /dev/sdf1 is attached as the whole disk /dev/sdf")));
        mvc.perform(get("/snapshotters/solr")).andExpect(jsonPath("$.warnings").doesNotExist());
    }

    @Test
    void showsTheConfiguredVolumesTagsAndSettingsOfAYamlSnapshotter() throws Exception {
        mvc.perform(get("/snapshotters/solr"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("configuration"))
                .andExpect(jsonPath("$.volumesFrom").value("configuration"))
                .andExpect(jsonPath("$.volumes[0].device").value("/dev/sdf"))
                .andExpect(jsonPath("$.volumes[0].mountPoint").value("/mnt/solr"))
                .andExpect(jsonPath("$.volumes[0].size").value(20))
                .andExpect(jsonPath("$.filterTags[0]").value("role"))
                .andExpect(jsonPath("$.settings.retention.keepLast").value(7))
                .andExpect(jsonPath("$.settings.description").value("{cluster} snapshot of {mount_point}"))
                .andExpect(jsonPath("$.settings.volumes").doesNotExist())
                .andExpect(jsonPath("$.settings.filterTags").doesNotExist())
                .andExpect(jsonPath("$.settings.hooks").doesNotExist());
    }

    @Test
    void saysWhenVolumesComeFromUserdata() throws Exception {
        mvc.perform(get("/snapshotters/fromuserdata"))
                .andExpect(jsonPath("$.volumesFrom").value("userdata"))
                .andExpect(jsonPath("$.volumes").doesNotExist());
    }

    @Test
    void saysWhenASnapshotterIsCode() throws Exception {
        mvc.perform(get("/snapshotters/custom"))
                .andExpect(jsonPath("$.source").value("code"))
                .andExpect(jsonPath("$.volumes").doesNotExist())
                .andExpect(jsonPath("$.settings.freezeMaxDuration").exists());
    }

    @Test
    void anUnknownSnapshotterIs404() throws Exception {
        mvc.perform(get("/snapshotters/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type("unknown-snapshotter")));
    }

    @Test
    void writingToSnapshottersNeedsTheToken() throws Exception {
        mvc.perform(post("/snapshotters"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(type("unauthorized")));
        mvc.perform(post("/snapshotters").header(HttpHeaders.AUTHORIZATION, BEARER))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value(type("method-not-allowed")));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Snapshotters {

        @Bean
        SnapshotterRegistry snapshotterRegistry() {
            SnapshotterSettings solr = new SnapshotterSettings(null, List.of(VolumeSpec.of("/dev/sdf", "/mnt/solr", 20)),
                    false, null, null, null, Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null);
            SnapshotterSettings seed = new SnapshotterSettings(null, List.of(VolumeSpec.of("/dev/sdf1", "/mnt/index", 200)),
                    false, null, null, null, Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null);
            SnapshotterSettings fromUserdata = new SnapshotterSettings(List.of("cluster"), null, true, null, null, null,
                    Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null);
            Snapshotter custom = new Snapshotter() {
                @Override
                public String name() {
                    return "custom";
                }

                @Override
                public List<VolumeSpec> volumes(Map<String, Object> userdata) {
                    throw new AssertionError("a listing must not ask for volumes");
                }

                @Override
                public Map<String, String> filterTags(Map<String, Object> userdata) {
                    throw new AssertionError("a listing must not ask for tags");
                }
            };
            return new SnapshotterRegistry(List.of(new YamlSnapshotter("solr", solr, null),
                    new YamlSnapshotter("fromuserdata", fromUserdata, null), new YamlSnapshotter("seed", seed, null), custom));
        }
    }
}
