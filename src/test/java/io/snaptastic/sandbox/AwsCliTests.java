package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.ProcessHostExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user's AWS CLI against the sandbox: the same commands they would type against EC2. */
class AwsCliTests {

    static final Path AWS = Path.of(System.getenv().getOrDefault("SNAPTASTIC_AWS_CLI", "/root/.pyenv/shims/aws"));
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HostExecutor HOST = new ProcessHostExecutor();

    @TempDir
    Path stateDir;

    @TempDir
    Path home;

    SandboxHarness sandbox;

    @BeforeEach
    void start() {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI is not installed at " + AWS + " (set SNAPTASTIC_AWS_CLI)");
        sandbox = SandboxHarness.start(stateDir, SandboxHarness.fast().withDelays(Duration.ZERO, Duration.ofMillis(200)), new FakeDisks());
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    record Result(int exitCode, String stdout, String stderr) {

        JsonNode json() {
            assertThat(exitCode).as("aws failed: %s", stderr).isZero();
            return JSON.readTree(stdout);
        }
    }

    private Result aws(String... args) {
        List<String> argv = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", sandbox.endpoint().toString(),
                "--output", "json", "--cli-read-timeout", "20", "--cli-connect-timeout", "5", "ec2"));
        argv.addAll(List.of(args));
        Map<String, String> env = Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDSANDBOX",
                "AWS_SECRET_ACCESS_KEY", "sandbox-secret",
                "AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_CONFIG_FILE", home.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_PAGER", "");
        CommandResult result = HOST.execute(new Command(argv, Duration.ofSeconds(90), env));
        return new Result(result.exitCode(), result.stdout(), result.stderr());
    }

    @Test
    void createsTagsFiltersWaitsSnapshotsAndDeletes() throws Exception {
        String volume = aws("create-volume", "--availability-zone", "eu-west-1a", "--size", "3", "--volume-type", "gp3",
                "--tag-specifications", "ResourceType=volume,Tags=[{Key=role,Value=solr}]").json().get("VolumeId").asString();
        assertThat(aws("wait", "volume-available", "--volume-ids", volume).exitCode()).isZero();

        aws("create-tags", "--resources", volume, "--tags", "Key=cluster,Value=search").json();
        JsonNode found = aws("describe-volumes", "--filters", "Name=tag:cluster,Values=search", "Name=status,Values=available")
                .json().get("Volumes");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("VolumeId").asString()).isEqualTo(volume);
        assertThat(found.get(0).get("Tags").toString()).contains("\"role\"").contains("\"search\"");

        String snapshot = aws("create-snapshot", "--volume-id", volume, "--description", "cli snapshot").json()
                .get("SnapshotId").asString();
        assertThat(aws("wait", "snapshot-completed", "--snapshot-ids", snapshot).exitCode()).isZero();
        JsonNode snapshots = aws("describe-snapshots", "--owner-ids", "self", "--filters", "Name=volume-id,Values=" + volume)
                .json().get("Snapshots");
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.get(0).get("State").asString()).isEqualTo("completed");
        assertThat(snapshots.get(0).get("Description").asString()).isEqualTo("cli snapshot");

        assertThat(aws("delete-snapshot", "--snapshot-id", snapshot).exitCode()).isZero();
        assertThat(aws("delete-volume", "--volume-id", volume).exitCode()).isZero();
        assertThat(aws("wait", "volume-deleted", "--volume-ids", volume).exitCode()).isZero();
    }

    @Test
    void showsEc2ErrorsAndDryRuns() throws Exception {
        Result missing = aws("describe-volumes", "--volume-ids", "vol-0123456789abcdef0");
        Result dryRun = aws("create-volume", "--availability-zone", "eu-west-1a", "--size", "1", "--dry-run");

        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("InvalidVolume.NotFound");
        assertThat(dryRun.exitCode()).isNotZero();
        assertThat(dryRun.stderr()).contains("DryRunOperation");
    }

    @Test
    void describesTheInstanceAndPagesThroughVolumes() throws Exception {
        for (int i = 0; i < 6; i++) {
            sandbox.createVolume(1);
        }

        JsonNode instances = aws("describe-instances", "--instance-ids", "i-0sandbox000000001").json();
        JsonNode volumes = aws("describe-volumes", "--page-size", "5").json().get("Volumes");

        assertThat(instances.get("Reservations").get(0).get("Instances").get(0).get("Placement").get("AvailabilityZone").asString())
                .isEqualTo("eu-west-1a");
        assertThat(volumes).hasSize(7);
    }

    @Test
    void answersThePlainDescribeVolumesTheSandboxPageShows() throws Exception {
        sandbox.createVolume(1);

        // The CLI asks with MaxResults=1000 when no page size is given, as EC2 allows.
        Result plain = aws("describe-volumes");

        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(plain.json().get("Volumes")).hasSize(2);
    }
}
