package io.snaptastic.web;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.type;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.SnaptasticApplication;
import io.snaptastic.check.CheckService;
import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.mount.MountOperations;
import io.snaptastic.mount.MountOverview;
import io.snaptastic.mount.MountService;
import io.snaptastic.mount.UnmountService;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.snapshot.SnapshotDeleter;
import io.snaptastic.snapshot.SnapshotOperations;
import io.snaptastic.snapshot.SnapshotQueryService;
import io.snaptastic.snapshot.SnapshotService;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.VolumeSpec;
import io.snaptastic.snapshotter.VolumeSpecValidator;
import io.snaptastic.snapshotter.YamlSnapshotter;
import io.snaptastic.volume.VolumeService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Hostile and broken requests against the real endpoints, each answered with a 4xx problem while
 * nothing is run, created or deleted: the runner, the services and EC2 are never called. The
 * snapshotter resolver and its volume validator are the real ones, so the checks that keep userdata
 * volumes off system directories and out of argv are what is tested.
 */
@WebMvcTest(properties = WebTestSupport.TOKEN_PROPERTY)
// Named, because the nearest @SpringBootConfiguration to this package is ApiOverHttpTests' agent, which scans
// no controllers.
@ContextConfiguration(classes = SnaptasticApplication.class)
@Import({WebTestSupport.class, ApiBadInputTests.RealResolver.class})
class ApiBadInputTests {

    static final String DEEP = "{\"snapshotter\":\"fromuserdata\",\"userdata\":{\"a\":" + "[".repeat(2000)
            + "]".repeat(2000) + "}}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    InstanceIdentity instance;

    @MockitoBean
    Operations operations;

    @MockitoBean
    MountService mounts;

    @MockitoBean
    UnmountService unmounts;

    @MockitoBean
    MountOverview overview;

    @MockitoBean
    SnapshotService snapshots;

    @MockitoBean
    SnapshotQueryService snapshotQuery;

    @MockitoBean
    VolumeService volumes;

    @MockitoBean
    CheckService checks;

    @MockitoBean
    Ec2 ec2;

    @MockitoBean
    io.snaptastic.retention.Cleanups cleanups;

    @BeforeEach
    void instanceWithTheSeedsUserdata() {
        given(instance.instanceId()).willReturn("i-0123456789abcdef0");
        given(instance.availabilityZone()).willReturn("eu-west-1a");
        given(instance.userdata()).willReturn(Map.of("role", "solr", "cluster", "solr", "environment", "test"));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // Mount points and devices that userdata brings go into argv and onto the host.
                bad("relative mount point ../etc", mount(userdataVolume("/dev/sdf", "\"../etc\"", "5")), 422, "invalid-volumes"),
                bad("dot-dot mount point /mnt/../etc", mount(userdataVolume("/dev/sdf", "\"/mnt/../etc\"", "5")), 422,
                        "invalid-volumes"),
                bad("relative mount point", mount(userdataVolume("/dev/sdf", "\"relative\"", "5")), 422, "invalid-volumes"),
                bad("system directory mount point", mount(userdataVolume("/dev/sdf", "\"/etc/cron.d\"", "5")), 422,
                        "invalid-volumes"),
                bad("root mount point", snapshot(userdataVolume("/dev/sdf", "\"/\"", "5")), 422, "invalid-volumes"),
                bad("mount point with a space", mount(userdataVolume("/dev/sdf", "\"/mnt/a b\"", "5")), 422, "invalid-volumes"),
                bad("mount point of the wrong type", mount(userdataVolume("/dev/sdf", "[\"/mnt\"]", "5")), 422,
                        "invalid-volumes"),
                bad("shell metacharacters in a device", mount(userdataVolume("/dev/sdf;reboot", "\"/mnt/solr\"", "5")), 422,
                        "invalid-volumes"),
                bad("NUL byte in a device", snapshot(userdataVolume("/dev/sdf\\u0000", "\"/mnt/solr\"", "5")), 422,
                        "invalid-volumes"),
                bad("device outside /dev", mount(userdataVolume("/tmp/sdf", "\"/mnt/solr\"", "5")), 422, "invalid-volumes"),
                bad("root device", mount(userdataVolume("/dev/sda1", "\"/mnt/solr\"", "5")), 422, "invalid-volumes"),
                bad("negative size", mount(userdataVolume("/dev/sdf", "\"/mnt/solr\"", "-1")), 422, "invalid-volumes"),
                bad("huge size", mount(userdataVolume("/dev/sdf", "\"/mnt/solr\"", "999999999")), 422, "invalid-volumes"),
                bad("size beyond a double", mount(userdataVolume("/dev/sdf", "\"/mnt/solr\"", "1e309")), 422,
                        "invalid-volumes"),
                bad("fractional size", mount(userdataVolume("/dev/sdf", "\"/mnt/solr\"", "2.5")), 422, "invalid-volumes"),
                // EC2's ratios: 10 GiB of gp3 carries at most 5000 IOPS, 3000 IOPS at most 750 MiB/s.
                bad("more gp3 IOPS than 500 per GiB", mount(userdataVolume("/dev/sdf", "\"/mnt/solr\"", "10, \"iops\": 6000")),
                        422, "invalid-volumes"),
                bad("more gp3 throughput than 0.25 MiB/s per IOPS",
                        mount(userdataVolume("/dev/sdf", "\"/mnt/solr\"", "100, \"throughput\": 1000")), 422, "invalid-volumes"),
                bad("size as text", mount(userdataVolume("/dev/sdf", "\"/mnt/solr\"", "\"5;reboot\"")), 422,
                        "invalid-volumes"),
                bad("volumes not a list", mount("{\"snapshotter\":\"fromuserdata\",\"userdata\":{\"cluster\":\"c\","
                        + "\"volumes\":\"/dev/sdf\"}}"), 422, "invalid-volumes"),
                bad("mount option with a shell metacharacter", mount("{\"snapshotter\":\"fromuserdata\",\"userdata\":"
                        + "{\"cluster\":\"c\",\"volumes\":[{\"device\":\"/dev/sdf\",\"mount_point\":\"/mnt/solr\","
                        + "\"mount_options\":\"defaults,exec;reboot\"}]}}"), 422, "invalid-volumes"),
                bad("missing userdata volumes", mount("{\"snapshotter\":\"fromuserdata\",\"userdata\":{\"cluster\":\"c\"}}"),
                        422, "missing-userdata"),
                bad("missing userdata tag", snapshot("{\"snapshotter\":\"fromuserdata\",\"userdata\":{\"volumes\":[{\"device\":\"/dev/sdf\","
                        + "\"mount_point\":\"/mnt/solr\"}]}}"),
                        422, "missing-userdata"),
                // Snapshotter names and ids are looked up, never put into a path or a command.
                bad("shell metacharacters in a snapshotter name", mount("{\"snapshotter\":\"solr;reboot\"}"), 400,
                        "validation-failed"),
                bad("path in a snapshotter name", snapshot("{\"snapshotter\":\"../solr\"}"), 400, "validation-failed"),
                bad("no snapshotter", mount("{}"), 400, "validation-failed"),
                bad("NUL byte in a snapshotter path", withToken(delete("/mounts/solr%00")), 404, "unknown-snapshotter"),
                bad("encoded path in a snapshotter path", withToken(delete("/mounts/..%2F..%2Fetc")), 404,
                        "unknown-snapshotter"),
                bad("unknown snapshotter to mount", mount("{\"snapshotter\":\"nope\"}"), 404, "unknown-snapshotter"),
                bad("unknown snapshotter to snapshot", snapshot("{\"snapshotter\":\"nope\"}"), 404, "unknown-snapshotter"),
                bad("unknown snapshotter to unmount", withToken(delete("/mounts/nope")), 404, "unknown-snapshotter"),
                bad("unknown snapshotter's volumes", withToken(get("/volumes").param("snapshotter", "nope")), 404,
                        "unknown-snapshotter"),
                bad("encoded path as a snapshot id", withToken(delete("/snapshots/..%2F..%2Fetc")), 400, "validation-failed"),
                bad("dot-dot in a snapshot path", withToken(delete("/snapshots/snap-../x")), 404, "not-found"),
                bad("volume id as a snapshot id", withToken(delete("/snapshots/vol-0123456789abcdef0")), 400,
                        "validation-failed"),
                bad("shell metacharacters in a snapshot id", withToken(delete("/snapshots/snap-0123abcd%3Breboot")), 400,
                        "validation-failed"),
                // Requests that are broken as HTTP or JSON.
                bad("malformed JSON", mount("{\"snapshotter\":"), 400, "malformed-request"),
                bad("raw NUL byte in JSON", mount("{\"snapshotter\":\"solr\u0000\"}"), 400, "malformed-request"),
                bad("deeply nested JSON", mount(DEEP), 400, "malformed-request"),
                bad("unknown property", snapshot("{\"snapshotter\":\"solr\",\"force\":true}"), 400, "malformed-request"),
                bad("wrong type for dryRun", mount("{\"snapshotter\":\"solr\",\"dryRun\":\"yes please\"}"), 400,
                        "malformed-request"),
                bad("userdata not an object", mount("{\"snapshotter\":\"solr\",\"userdata\":[1]}"), 400, "malformed-request"),
                // A request that could be read two ways runs neither.
                bad("duplicate key", mount("{\"snapshotter\":\"solr\",\"dryRun\":true,\"dryRun\":false}"), 400,
                        "malformed-request"),
                bad("duplicate key in userdata", mount("{\"snapshotter\":\"solr\",\"userdata\":{\"role\":\"a\",\"role\":\"b\"}}"),
                        400, "malformed-request"),
                bad("number for dryRun", mount("{\"snapshotter\":\"solr\",\"dryRun\":1}"), 400, "malformed-request"),
                bad("string for dryRun", mount("{\"snapshotter\":\"solr\",\"dryRun\":\"false\"}"), 400, "malformed-request"),
                bad("number for a snapshotter name", snapshot("{\"snapshotter\":12}"), 400, "malformed-request"),
                bad("path parameter on an unmount", withToken(delete("/mounts/solr;jsessionid=1")), 400, "malformed-request"),
                bad("path parameter on a snapshot delete", withToken(delete("/snapshots;x=1/snap-0123456789abcdef0")), 400,
                        "malformed-request"),
                bad("wildcard content type", withToken(post("/mounts")).header(HttpHeaders.CONTENT_TYPE, "*/*")
                        .content("{\"snapshotter\":\"solr\"}"), 415, "unsupported-media-type"),
                bad("wildcard content subtype", withToken(post("/snapshots")).header(HttpHeaders.CONTENT_TYPE, "application/*")
                        .content("{\"snapshotter\":\"solr\"}"), 415, "unsupported-media-type"),
                bad("wrong content type", withToken(post("/mounts")).contentType(MediaType.TEXT_PLAIN)
                        .content("snapshotter=solr"), 415, "unsupported-media-type"),
                bad("form content type", withToken(post("/snapshots")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("snapshotter=solr"), 415, "unsupported-media-type"),
                bad("10 MB body", withToken(post("/snapshots")).contentType(MediaType.APPLICATION_JSON)
                        .content(new byte[10 * 1024 * 1024]), 413, "payload-too-large"),
                bad("wait above 900", mount("{\"snapshotter\":\"solr\"}").param("wait", "901"), 400, "validation-failed"),
                bad("negative wait", snapshot("{\"snapshotter\":\"solr\"}").param("wait", "-1"), 400, "validation-failed"),
                bad("wait beyond an int", snapshot("{\"snapshotter\":\"solr\"}").param("wait", "99999999999"), 400,
                        "malformed-request"),
                bad("wait not a number", withToken(delete("/mounts/solr")).param("wait", "forever"), 400, "malformed-request"),
                bad("deleteVolumes not a boolean", withToken(delete("/mounts/solr")).param("deleteVolumes", "rm -rf"), 400,
                        "malformed-request"),
                // No token, no work.
                bad("mount without a token", post("/mounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"snapshotter\":\"solr\"}"), 401, "unauthorized"),
                bad("snapshot with a wrong token", post("/snapshots").header(HttpHeaders.AUTHORIZATION, "Bearer wrong")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"snapshotter\":\"solr\"}"), 401, "unauthorized"),
                bad("unmount without a token", delete("/mounts/solr").param("deleteVolumes", "true"), 401, "unauthorized"),
                bad("delete a snapshot with a wrong token", delete("/snapshots/snap-0123456789abcdef0")
                        .header(HttpHeaders.AUTHORIZATION, BEARER + "x"), 401, "unauthorized"),
                bad("checks without a token", get("/checks"), 401, "unauthorized"),
                bad("10 MB body without a token", post("/snapshots").contentType(MediaType.APPLICATION_JSON)
                        .content(new byte[10 * 1024 * 1024]), 401, "unauthorized"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void answersWithAProblemAndRunsNothing(String name, MockHttpServletRequestBuilder request, int status, String slug)
            throws Exception {
        mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(type(slug)))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isNotEmpty());

        then(operations).shouldHaveNoInteractions();
        then(mounts).shouldHaveNoInteractions();
        then(unmounts).shouldHaveNoInteractions();
        then(snapshots).shouldHaveNoInteractions();
        then(snapshotQuery).shouldHaveNoInteractions();
        then(volumes).shouldHaveNoInteractions();
        then(checks).shouldHaveNoInteractions();
        then(ec2).shouldHaveNoInteractions();
        then(cleanups).shouldHaveNoInteractions();
    }

    @Test
    void listsEveryProblemOfTheUserdataVolumesWithControlCharactersEscaped() throws Exception {
        mvc.perform(mount("{\"snapshotter\":\"fromuserdata\",\"userdata\":{\"cluster\":\"c\",\"volumes\":["
                        + "{\"device\":\"/dev/sdf\\u0000\",\"mount_point\":\"../etc\",\"size\":-1}]}}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[0]").value(org.hamcrest.Matchers.containsString("/dev/sdf\\x00")));
        then(operations).shouldHaveNoInteractions();
    }

    @Test
    void theSameRequestsWithGoodInputStartAnOperation() throws Exception {
        // The control for the table: good volumes get through the real resolver to the runner.
        given(operations.submit(any(), any(), any(), any(), any()))
                .willReturn(ApiFixtures.succeeded("op-1", OperationType.MOUNT, "fromuserdata"));

        mvc.perform(mount(userdataVolume("/dev/sdf", "\"/mnt/solr\"", "5"))).andExpect(status().isOk());
        mvc.perform(snapshot("{\"snapshotter\":\"solr\"}")).andExpect(status().isOk());

        then(operations).should().submit(eq(OperationType.MOUNT), eq("fromuserdata"), any(), any(), any());
        then(operations).should().submit(eq(OperationType.SNAPSHOT), eq("solr"), any(), any(), any());
    }

    private static String userdataVolume(String device, String mountPointJson, String sizeJson) {
        return "{\"snapshotter\":\"fromuserdata\",\"userdata\":{\"cluster\":\"c\",\"volumes\":[{\"device\":\"" + device
                + "\",\"mount_point\":" + mountPointJson + ",\"size\":" + sizeJson + "}]}}";
    }

    private static MockHttpServletRequestBuilder mount(String body) {
        return withToken(post("/mounts")).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockHttpServletRequestBuilder snapshot(String body) {
        return withToken(post("/snapshots")).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockHttpServletRequestBuilder withToken(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, BEARER);
    }

    private static Arguments bad(String name, MockHttpServletRequestBuilder request, int status, String slug) {
        return Arguments.of(name, request, status, slug);
    }

    /**
     * The agent's own resolver and validator over two snapshotters: solr with configured volumes, and
     * one whose volumes come from userdata (the seed's userdata example); and the agent's own starters of
     * mounts and snapshots, over the mocked services and runner.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class RealResolver {

        @Bean
        SnapshotterRegistry snapshotterRegistry() {
            SnapshotterSettings solr = new SnapshotterSettings(null, List.of(VolumeSpec.of("/dev/sdf", "/mnt/solr", 20)),
                    false, null, null, null, Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null);
            SnapshotterSettings fromUserdata = new SnapshotterSettings(List.of("cluster"), null, true, null, null, null,
                    Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null);
            return new SnapshotterRegistry(List.of(new YamlSnapshotter("solr", solr, null),
                    new YamlSnapshotter("fromuserdata", fromUserdata, null)));
        }

        @Bean
        SnapshotterResolver snapshotterResolver(SnapshotterRegistry registry, InstanceIdentity instance,
                SnaptasticProperties properties) {
            return new SnapshotterResolver(registry, instance, new VolumeSpecValidator(properties.systemDirectories()));
        }

        @Bean
        SnapshotDeleter snapshotDeleter(Ec2 ec2) {
            return new SnapshotDeleter(ec2);
        }

        @Bean
        MountOperations mountOperations(MountService mounts, UnmountService unmounts, Operations operations) {
            return new MountOperations(mounts, unmounts, operations);
        }

        @Bean
        SnapshotOperations snapshotOperations(SnapshotService snapshots, Operations operations) {
            return new SnapshotOperations(snapshots, operations);
        }
    }
}
