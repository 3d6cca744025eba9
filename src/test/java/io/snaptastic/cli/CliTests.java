package io.snaptastic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.support.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted agent: the requests it makes, what it prints, and its exit codes. */
class CliTests {

    private static final String MOUNTED = """
            {"id":"op-1","type":"mount","snapshotter":"solr","status":"succeeded",
             "startedAt":"2026-01-01T10:00:00Z","endedAt":"2026-01-01T10:00:02.500Z",
             "volumes":[{"device":"/dev/sdf","mountPoint":"/mnt/solr","volumeId":"vol-1","snapshotId":"snap-1","step":"mount","status":"done"}]}""";

    private final StubAgent agent;

    CliTests() throws IOException {
        agent = new StubAgent();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void mountSnapshotsPostsTheSeedsOptionsWithTheTokenAndPrintsEachVolume() {
        agent.answer(200, MOUNTED);

        StubAgent.Run run = agent.run("mount-snapshots", "solr", "--userdata", "{\"role\":\"solr\"}", "--ignore-mounted");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("mount solr: succeeded in 2.5s (operation op-1)")
                .contains("/dev/sdf on /mnt/solr: done, volume vol-1, snapshot snap-1");
        StubAgent.Request request = agent.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/mounts?wait=900");
        assertThat(request.authorization()).isEqualTo("Bearer stub-token");
        assertThat(request.body()).isEqualTo(
                "{\"snapshotter\":\"solr\",\"userdata\":{\"role\":\"solr\"},\"dryRun\":false,\"ignoreMounted\":true}");
    }

    @Test
    void keepsPollingTheOperationWhileTheAgentAnswersStillRunning() {
        agent.answer(202, "{\"id\":\"op-1\",\"type\":\"mount\",\"snapshotter\":\"solr\",\"status\":\"running\"}")
                .answer(200, "{\"id\":\"op-1\",\"type\":\"mount\",\"snapshotter\":\"solr\",\"status\":\"running\"}")
                .answer(200, MOUNTED);

        StubAgent.Run run = agent.run("mount-snapshots", "solr", "--timeout", "10m");

        assertThat(run.exitCode()).isZero();
        assertThat(agent.requests()).extracting(StubAgent.Request::uri)
                .containsExactly("/mounts?wait=600", "/operations/op-1?wait=600", "/operations/op-1?wait=600");
    }

    @Test
    void givesUpAfterTheTimeoutAndSaysHowToFollowTheOperation() {
        String running = "{\"id\":\"op-7\",\"type\":\"snapshot\",\"snapshotter\":\"solr\",\"status\":\"running\"}";
        agent.answer(202, running).answer(200, running);
        // Each reading of this clock is a minute later: the deadline passes after the first poll.
        MutableClock ticking = MutableClock.ticking(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1));

        StubAgent.Run run = agent.run(Map.of(), ticking, "make-snapshots", "solr", "--timeout", "3m");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("snapshot solr: still running after 3m").contains("/operations/op-7?wait=60");
        assertThat(agent.requests()).extracting(StubAgent.Request::uri)
                .containsExactly("/snapshots?wait=120", "/operations/op-7?wait=1");
    }

    @Test
    void jitterWaitsARandomTimeBelowItBeforeCallingTheAgentAndSaysSo() {
        agent.answer(200, "{\"id\":\"op-3\",\"type\":\"snapshot\",\"snapshotter\":\"solr\",\"status\":\"succeeded\"}");
        List<Duration> waited = new ArrayList<>();
        List<Integer> requestsBeforeTheWait = new ArrayList<>();
        JitterWait recorded = new JitterWait(duration -> {
            waited.add(duration);
            requestsBeforeTheWait.add(agent.requests().size());
        }, new java.util.SplittableRandom(17));

        StubAgent.Run run = agent.run(Map.of("SNAPTASTIC_TOKEN", "t"), Clock.systemUTC(), recorded,
                "make-snapshots", "solr", "--jitter", "10m");

        assertThat(run.exitCode()).isZero();
        assertThat(waited).singleElement().satisfies(wait ->
                assertThat(wait).isBetween(Duration.ZERO, Duration.ofMinutes(10).minusMillis(1)));
        assertThat(requestsBeforeTheWait).containsExactly(0);
        assertThat(run.out()).contains("make-snapshots solr: waiting "
                + String.format(java.util.Locale.ROOT, "%.1fs", waited.get(0).toMillis() / 1000.0)
                + " (--jitter 10m) before calling the agent");
        assertThat(agent.requests()).extracting(StubAgent.Request::uri).containsExactly("/snapshots?wait=900");
    }

    @Test
    void withoutJitterNothingWaits() {
        agent.answer(200, "{\"id\":\"op-4\",\"type\":\"snapshot\",\"snapshotter\":\"solr\",\"status\":\"succeeded\"}");
        JitterWait refusing = new JitterWait(duration -> {
            throw new AssertionError("waited " + duration);
        }, new java.util.SplittableRandom(1));

        StubAgent.Run run = agent.run(Map.of("SNAPTASTIC_TOKEN", "t"), Clock.systemUTC(), refusing, "make-snapshots", "solr");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("waiting");
    }

    @Test
    void aFailedOperationExitsOneWithItsProblemAndTheFailedVolume() {
        agent.answer(200, """
                {"id":"op-2","type":"snapshot","snapshotter":"solr","status":"failed",
                 "volumes":[{"device":"/dev/sdf","mountPoint":"/mnt/solr","step":"freeze","status":"failed","error":"busy"}],
                 "error":{"type":"https://snaptastic.io/problems/workflow-failed","title":"Operation failed","detail":"1 of 1 volumes failed"}}""");

        StubAgent.Run run = agent.run("make-snapshots", "solr");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("snapshot solr: failed (operation op-2)")
                .contains("/dev/sdf on /mnt/solr: failed at step freeze: busy")
                .contains("Operation failed: 1 of 1 volumes failed");
        assertThat(agent.requests().get(0).body()).isEqualTo("{\"snapshotter\":\"solr\"}");
    }

    @Test
    void aMountedVolumeWithAWarningSucceedsAndPrintsTheWarning() {
        agent.answer(200, """
                {"id":"op-3","type":"mount","snapshotter":"solr","status":"succeeded",
                 "volumes":[{"device":"/dev/sdf","mountPoint":"/mnt/solr","volumeId":"vol-1","step":"done","status":"done",
                 "warning":"the filesystem could not grow to the volume's size and stays at the snapshot's size"}]}""");

        StubAgent.Run run = agent.run("mount-snapshots", "solr");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).contains("/dev/sdf on /mnt/solr: done, volume vol-1; warning: the filesystem could not grow");
    }

    @Test
    void aVolumeStatusOfANewerAgentIsPrintedAsItCameAndFailsNothing() {
        agent.answer(200, """
                {"id":"op-4","type":"mount","snapshotter":"solr","status":"succeeded",
                 "volumes":[{"device":"/dev/sdf","mountPoint":"/mnt/solr","volumeId":"vol-1","step":"resize-partition",
                 "status":"resized"}]}""");

        StubAgent.Run run = agent.run("mount-snapshots", "solr");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("/dev/sdf on /mnt/solr: resized, volume vol-1");
        assertThat(run.err()).doesNotContain("/dev/sdf");
    }

    @Test
    void anUnknownSnapshotterIsAUsageErrorPrintedAsTitleAndDetail() {
        agent.problem(404, "unknown-snapshotter", "Unknown snapshotter", "no snapshotter named solr2");

        StubAgent.Run run = agent.run("list-volumes", "solr2");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Unknown snapshotter: no snapshotter named solr2");
    }

    @Test
    void validationErrorsListEveryError() {
        agent.answer(400, """
                {"type":"https://snaptastic.io/problems/validation-failed","title":"Validation failed","status":400,
                 "detail":"the request has 2 invalid value(s), listed in errors","errors":["snapshotter: bad","userdata: bad"]}""");

        StubAgent.Run run = agent.run("mount-snapshots", "solr");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Validation failed: the request has 2 invalid value(s)")
                .contains("  - snapshotter: bad").contains("  - userdata: bad");
    }

    @Test
    void aBusySnapshotterExitsOneAndNamesTheRunningOperation() {
        agent.answer(409, """
                {"type":"https://snaptastic.io/problems/conflict","title":"Operation running","status":409,
                 "detail":"solr is busy","operationId":"op-9"}""");

        StubAgent.Run run = agent.run("unmount-snapshots", "solr", "--delete-volumes");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("Operation running: solr is busy").contains("/operations/op-9");
        assertThat(agent.requests().get(0).method()).isEqualTo("DELETE");
        assertThat(agent.requests().get(0).uri()).isEqualTo("/mounts/solr?wait=900&deleteVolumes=true");
    }

    @Test
    void aRefusedTokenSaysWhereTheTokenComesFrom() {
        agent.problem(401, "unauthorized", "Unauthorized", "a bearer token is required");

        StubAgent.Run run = agent.run("test");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("Unauthorized: a bearer token is required").contains("SNAPTASTIC_TOKEN");
    }

    @Test
    void theTokenFileWinsOverTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "file-token\n");
        agent.answer(200, "[]");

        agent.run(Map.of("SNAPTASTIC_TOKEN", "env-token"), Clock.systemUTC(), "list-volumes", "solr", "--token-file",
                file.toString());

        assertThat(agent.requests().get(0).authorization()).isEqualTo("Bearer file-token");
        assertThat(agent.requests().get(0).uri()).isEqualTo("/volumes?snapshotter=solr");
    }

    @Test
    void anUnreadableTokenFileIsAUsageError(@TempDir Path dir) {
        StubAgent.Run run = agent.run(Map.of(), Clock.systemUTC(), "test", "--token-file", dir.resolve("missing").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("cannot read the token file");
        assertThat(agent.requests()).isEmpty();
    }

    @Test
    void anUnreachableAgentExitsThreeAndSaysHowToStartIt() throws IOException {
        String url;
        try (StubAgent stopped = new StubAgent()) {
            url = stopped.url();
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = new Cli(Map.of(), new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err),
                Clock.systemUTC()).run("list-volumes", "solr", "--url", url);

        assertThat(code).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach the agent at " + url).contains("systemctl start snaptastic");
    }

    @Test
    void listVolumesPrintsTheSeedsLineAndTheAttachedVolume() {
        agent.answer(200, """
                [{"device":"/dev/sdf","mountPoint":"/mnt/solr","sizeGib":20,"type":"gp3","iops":3000,"volumeId":"vol-1",
                  "attachedSizeGib":20,"state":"attached","mounted":true,
                  "usage":{"totalBytes":21474836480,"usedBytes":1073741824,"availableBytes":20401094656,"usedPercent":5}},
                 {"device":"/dev/sdg","mountPoint":"/mnt/logs","sizeGib":5,"type":"gp3","iops":null,"volumeId":null,
                  "state":"not-attached","mounted":false}]""");

        StubAgent.Run run = agent.run("list-volumes", "solr");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                EBSVolume on /mnt/solr from /dev/sdf (20 GB, iops 3000) is mounted
                  vol-1, attached, 20 GB; 5% used (1.0 GiB of 20.0 GiB, 19.0 GiB free)
                EBSVolume on /mnt/logs from /dev/sdg (5 GB, iops -) is not mounted
                  no volume attached
                """);
    }

    @Test
    void testPrintsEachCheckAndExitsOneWhenOneFailed() {
        agent.answer(200, """
                {"ok":false,"items":[{"name":"imds","ok":true,"detail":"i-1 in us-east-1a"},
                 {"name":"ec2:CreateSnapshot","ok":false,"detail":"denied","remedy":"allow ec2:CreateSnapshot"}]}""");

        StubAgent.Run run = agent.run("test");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("ok   imds: i-1 in us-east-1a");
        assertThat(run.err()).contains("FAIL ec2:CreateSnapshot: denied").contains("remedy: allow ec2:CreateSnapshot")
                .contains("1 of 2 checks failed");
    }

    @Test
    void testMarksInconclusiveChecksAndStillExitsZero() {
        agent.answer(200, """
                {"ok":true,"items":[{"name":"root","status":"passed","ok":true,"detail":"uid 0"},
                 {"name":"ec2:DeleteVolume","status":"inconclusive","ok":false,"detail":"refused for a placeholder id",
                  "remedy":"confirm by running the operation once"}]}""");

        StubAgent.Run run = agent.run("test");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("?    ec2:DeleteVolume: refused for a placeholder id")
                .contains("remedy: confirm by running the operation once")
                .contains("1 of 2 checks passed, 1 inconclusive");
        assertThat(run.err()).doesNotContain("FAIL");
    }

    @Test
    void testExitsZeroWhenEveryCheckPassed() {
        agent.answer(200, "{\"ok\":true,\"items\":[{\"name\":\"root\",\"ok\":true,\"detail\":\"uid 0\"}]}");

        StubAgent.Run run = agent.run("test");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ok   root: uid 0").contains("all 1 checks passed");
    }

    @Test
    void checkBackupsPassesWhenEveryMountPointHasAFreshCompletedSnapshot() {
        agent.answer(200, snapshots("2026-01-02T09:00:00Z", "completed"));

        StubAgent.Run run = agent.run(Map.of(), at("2026-01-02T10:00:00Z"), "check-backups", "solr", "--max-age", "1d");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ok      /mnt/solr: snap-1 from 2026-01-02T09:00:00Z is 60m old (max 1d)");
        assertThat(agent.requests().get(0).uri()).isEqualTo("/snapshots?snapshotter=solr");
    }

    @Test
    void checkBackupsFailsOnAStaleSnapshot() {
        agent.answer(200, snapshots("2026-01-01T09:00:00Z", "completed"));

        StubAgent.Run run = agent.run(Map.of(), at("2026-01-02T10:00:00Z"), "check-backups", "solr", "--max-age", "12h");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("STALE   /mnt/solr: newest completed snapshot snap-1").contains("is 25h old (max 12h)");
    }

    @Test
    void checkBackupsIgnoresSnapshotsThatAreNotCompleted() {
        agent.answer(200, snapshots("2026-01-02T09:59:00Z", "pending"));

        StubAgent.Run run = agent.run(Map.of(), at("2026-01-02T10:00:00Z"), "check-backups", "solr");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("MISSING /mnt/solr: no completed snapshot (snap-1 is pending)");
    }

    @Test
    void cleanPostsTheSnapshotterAndDryRunAndPrintsTheDetails() {
        agent.answer(200, """
                {"id":"op-3","type":"cleanup","snapshotter":"solr","status":"succeeded","volumes":[],
                 "details":{"dryRun":true,"deletedSnapshots":2}}""");

        StubAgent.Run run = agent.run("clean", "solr", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("cleanup solr: succeeded").contains("deletedSnapshots: 2").doesNotContain("dryRun");
        assertThat(agent.requests().get(0).uri()).isEqualTo("/snapshots/cleanup?wait=900");
        assertThat(agent.requests().get(0).body()).isEqualTo("{\"snapshotter\":\"solr\",\"dryRun\":true}");
    }

    @Test
    void aDryRunMountPrintsThePlan() {
        agent.answer(200, """
                {"id":"op-4","type":"mount","snapshotter":"solr","status":"succeeded","volumes":[],
                 "details":{"dryRun":true,"plan":[{"device":"/dev/sdf","mountPoint":"/mnt/solr","snapshotId":"snap-1",
                   "state":"restore","calls":["CreateVolume from snap-1","mount /dev/sdf /mnt/solr"]}]}}""");

        StubAgent.Run run = agent.run("mount-snapshots", "solr", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("dry run, nothing was changed").contains("/dev/sdf on /mnt/solr: restore from snap-1")
                .contains("      CreateVolume from snap-1");
    }

    @Test
    void printsTheOperationsWarningsEvenAtWarningLevel() {
        agent.answer(200, """
                {"id":"op-5","type":"mount","snapshotter":"solr","status":"succeeded","volumes":[],
                 "details":{"warnings":["volumes[0].device: /dev/sdf1 is attached as the whole disk /dev/sdf"]}}""");

        StubAgent.Run run = agent.run("mount-snapshots", "solr", "--loglevel", "WARNING");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("warning: volumes[0].device: /dev/sdf1 is attached as the whole disk /dev/sdf");
    }

    @Test
    void warningLevelPrintsNothingWhenAllIsWellAndTheProblemsOtherwise() {
        agent.answer(200, MOUNTED).answer(200, snapshots("2026-01-01T09:00:00Z", "completed"));

        StubAgent.Run quiet = agent.run("mount-snapshots", "solr", "--loglevel", "WARNING");
        StubAgent.Run stale = agent.run(Map.of(), at("2026-01-03T09:00:00Z"), "check-backups", "solr", "--loglevel", "WARNING");

        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out() + quiet.err()).isEmpty();
        assertThat(stale.err()).contains("STALE");
    }

    @Test
    void debugLevelPrintsTheRequestsAndAnswers() {
        agent.answer(200, "[]");

        StubAgent.Run run = agent.run("check-backups", "solr", "--loglevel", "DEBUG");

        assertThat(run.out()).contains("GET " + agent.url() + "/snapshots?snapshotter=solr").contains("-> 200 []");
        assertThat(run.err()).contains("solr has no volumes");
    }

    @Test
    void helpPrintsEveryCommand() {
        StubAgent.Run run = agent.run("help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("mount-snapshots NAME", "make-snapshots NAME", "unmount-snapshots NAME",
                "list-volumes NAME", "test", "check-backups NAME", "clean NAME", "--loglevel", "Exit codes");
    }

    private static String snapshots(String startTime, String state) {
        return """
                [{"mountPoint":"/mnt/solr","snapshots":[{"id":"snap-1","volumeId":"vol-1","state":"%s","startTime":"%s"}]}]"""
                .formatted(state, startTime);
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
