package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snaptastic.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

/**
 * The seed's commands, run through the {@code snaptastic} client in this JVM against the real agent in
 * sandbox mode: what a cron job or an operator's shell would see, exit codes included.
 */
@RequiresLoopDevices
class CliSeedCommandsTests {

    @Test
    void theSeedTutorialThroughTheCommand() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start()) {
            Path mountPoint = agent.mountPoint("solr");

            Run mount = run(agent, "mount-snapshots", "solr");
            assertThat(mount.exitCode()).as(mount.toString()).isZero();
            assertThat(mount.out()).contains("mount solr: succeeded").contains("/dev/sdf on " + mountPoint + ": done, volume vol-");
            assertThat(AgentUnderTest.mounted(mountPoint)).isTrue();

            Run volumes = run(agent, "list-volumes", "solr");
            assertThat(volumes.exitCode()).isZero();
            assertThat(volumes.out()).contains("EBSVolume on " + mountPoint + " from /dev/sdf (1 GB, iops")
                    .contains(") is mounted").contains("attached, 1 GB;").contains("% used");

            Files.writeString(mountPoint.resolve("helloworld"), "hello world");
            Run snapshot = run(agent, "make-snapshots", "solr");
            assertThat(snapshot.exitCode()).as(snapshot.toString()).isZero();
            assertThat(snapshot.out()).contains("snapshot solr: succeeded").contains(", snapshot snap-").contains(" ms");

            // The snapshot completes a moment after make-snapshots returns (the sandbox's snapshot-delay);
            // until then check-backups reports it pending.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> run(agent, "check-backups", "solr").exitCode() == 0);
            Run fresh = run(agent, "check-backups", "solr");
            assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
            assertThat(fresh.out()).contains("ok      " + mountPoint + ": snap-").contains("(max 1d)");

            // The snapshot ages past one second; the check then fails as a monitoring job needs it to.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> run(agent, "check-backups", "solr", "--max-age", "1s").exitCode() == 1);
            Run stale = run(agent, "check-backups", "solr", "--max-age", "1s");
            assertThat(stale.err()).contains("STALE   " + mountPoint + ": newest completed snapshot snap-").contains("(max 1s)");

            Run unmount = run(agent, "unmount-snapshots", "solr", "--delete-volumes");
            assertThat(unmount.exitCode()).as(unmount.toString()).isZero();
            assertThat(unmount.out()).contains("unmount solr: succeeded");
            assertThat(AgentUnderTest.mounted(mountPoint)).isFalse();
            assertThat(mountPoint.resolve("helloworld")).doesNotExist();
            assertThat(run(agent, "list-volumes", "solr").out()).contains(") is not mounted").contains("no volume attached");

            Run again = run(agent, "mount-snapshots", "solr", "--loglevel", "WARNING");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out() + again.err()).as("WARNING prints only problems").isEmpty();
            assertThat(Files.readString(mountPoint.resolve("helloworld"))).isEqualTo("hello world");
        }
    }

    @Test
    void testRunsTheAgentsChecksAndPassesInTheSandbox() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start()) {
            Run test = run(agent, "test");

            // As root (which loop devices need) with the sandbox's EC2, every check passes.
            assertThat(test.exitCode()).as(test.toString()).isZero();
            assertThat(test.out()).contains("ok   instance-metadata: i-0sandbox000000001")
                    .contains("ok   ec2:CreateVolume: permitted (DryRun)")
                    .contains("ok   snapshotter:solr: ")
                    .containsPattern("all [0-9]+ checks passed");
            assertThat(test.err()).isEmpty();
        }
    }

    @Test
    void aWrongSnapshotterAWrongTokenAndAStoppedAgentHaveTheirOwnExitCodes() throws Exception {
        String url;
        try (AgentUnderTest agent = AgentUnderTest.start()) {
            url = url(agent);
            Run unknown = run(agent, "mount-snapshots", "cassandra");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("Unknown snapshotter: ");

            Run refused = run(Map.of("SNAPTASTIC_TOKEN", "not-the-token-0123456789"), "make-snapshots", "solr", "--url", url);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("Unauthorized").contains("refused the token");
        }
        Run stopped = run(Map.of(), "list-volumes", "solr", "--url", url);
        assertThat(stopped.exitCode()).isEqualTo(3);
        assertThat(stopped.err()).contains("cannot reach the agent at " + url);
    }

    @Test
    void cleanRunsTheCleanupOperation() throws Exception {
        try (AgentUnderTest agent = AgentUnderTest.start()) {
            Run clean = run(agent, "clean", "solr", "--dry-run");

            // The cleanup endpoint is built in parallel on another branch. Until it is merged the agent has
            // no such route: 404, or 405 because DELETE /snapshots/{id} matches the path. Only then is
            // this test skipped.
            Assumptions.assumeFalse(clean.err().startsWith("Not found") || clean.err().startsWith("Not Found")
                    || clean.err().startsWith("Method not allowed: method POST is not allowed here; allowed: DELETE"),
                    "POST /snapshots/cleanup is not in this agent yet (404/405): " + clean.err());
            assertThat(clean.exitCode()).as(clean.toString()).isZero();
            assertThat(clean.out()).contains("cleanup solr: succeeded");
        }
    }

    private static String url(AgentUnderTest agent) {
        return "http://127.0.0.1:" + agent.bean(Environment.class).getProperty("local.server.port");
    }

    private static Run run(AgentUnderTest agent, String... args) {
        String[] withUrl = java.util.Arrays.copyOf(args, args.length + 2);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = url(agent);
        return run(Map.of("SNAPTASTIC_TOKEN", AgentUnderTest.TOKEN), withUrl);
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC()).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int exitCode, String out, String err) {}
}
