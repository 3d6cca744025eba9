package io.snaptastic.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class OpenPathsTests {

    @ParameterizedTest(name = "{0} {1} open: {2}")
    @CsvSource({
        "GET,    /snapshotters,                   true",
        "HEAD,   /snapshotters/solr,              true",
        "GET,    /volumes,                        true",
        "GET,    /mounts,                         true",
        "GET,    /snapshots,                      true",
        "GET,    /v3/api-docs,                    true",
        "GET,    /v3/api-docs/swagger-config,     true",
        "GET,    /v3/api-docs.yaml,               true",
        "GET,    /swagger-ui.html,                true",
        "GET,    /swagger-ui/index.html,          true",
        "GET,    /actuator/health,                true",
        "GET,    /actuator/health/liveness,       true",
        "POST,   /mounts,                         false",
        "DELETE, /mounts/solr,                    false",
        "PUT,    /snapshotters/solr,              false",
        "GET,    /operations,                     false",
        "GET,    /checks,                         false",
        "GET,    /actuator/prometheus,            false",
        "GET,    /actuator/info,                  false",
        "GET,    /actuator/loggers,               false",
        "GET,    /mountsx,                        false",
        "GET,    /,                               false",
        "GET,    /mounts/../operations,           false",
        "GET,    /mounts/%2e%2e/operations,       false",
        "GET,    /mounts;x=1/../operations,       false",
        "GET,    //mounts,                        false",
        "GET,    /mounts/..,                      false",
    })
    void opensOnlyReadsOfStateAndTheApiDescription(String method, String path, boolean open) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);

        assertThat(OpenPaths.permits(request)).isEqualTo(open);
    }
}
