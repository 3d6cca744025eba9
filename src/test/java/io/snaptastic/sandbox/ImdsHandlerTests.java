package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ImdsHandlerTests {

    @TempDir
    Path stateDir;

    SandboxHarness sandbox;

    @BeforeEach
    void start() {
        sandbox = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private URI at(String path) {
        return sandbox.endpoint().resolve(path);
    }

    private String token() {
        SandboxHarness.Answer answer = sandbox.send(HttpRequest.newBuilder(at("/latest/api/token"))
                .header("X-aws-ec2-metadata-token-ttl-seconds", "21600").PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private SandboxHarness.Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(at(path)).GET();
        if (token != null) {
            request.header("X-aws-ec2-metadata-token", token);
        }
        return sandbox.send(request);
    }

    @Test
    void servesTheInstanceWithASessionToken() {
        String token = token();

        assertThat(get("/latest/meta-data/instance-id", token).body()).isEqualTo("i-0sandbox000000001");
        assertThat(get("/latest/meta-data/placement/availability-zone", token).body()).isEqualTo("eu-west-1a");
        assertThat(get("/latest/meta-data/placement/region", token).body()).isEqualTo("eu-west-1");
        assertThat(get("/latest/user-data", token).body()).isEqualTo(SandboxProperties.DEMO_USERDATA);
        JsonNode document = JsonMapper.builder().build().readTree(get("/latest/dynamic/instance-identity/document", token).body());
        assertThat(document.get("instanceId").asString()).isEqualTo("i-0sandbox000000001");
        assertThat(document.get("region").asString()).isEqualTo("eu-west-1");
        assertThat(document.get("availabilityZone").asString()).isEqualTo("eu-west-1a");
        assertThat(get("/latest/meta-data/no-such-thing", token).status()).isEqualTo(404);
    }

    @Test
    void refusesRequestsWithoutAValidToken() {
        assertThat(get("/latest/meta-data/instance-id", null).status()).isEqualTo(401);
        assertThat(get("/latest/meta-data/instance-id", "forged").status()).isEqualTo(401);
        assertThat(get("/latest/user-data", null).status()).isEqualTo(401);
    }

    @Test
    void tokenNeedsATtlWithinImdsLimits() {
        for (String ttl : new String[] {"0", "21601", "soon"}) {
            assertThat(sandbox.send(HttpRequest.newBuilder(at("/latest/api/token"))
                    .header("X-aws-ec2-metadata-token-ttl-seconds", ttl).PUT(HttpRequest.BodyPublishers.noBody())).status())
                    .as("ttl %s", ttl).isEqualTo(400);
        }
        assertThat(sandbox.send(HttpRequest.newBuilder(at("/latest/api/token")).PUT(HttpRequest.BodyPublishers.noBody())).status())
                .isEqualTo(400);
        assertThat(sandbox.send(HttpRequest.newBuilder(at("/latest/api/token")).GET()).status()).isEqualTo(405);
    }
}
