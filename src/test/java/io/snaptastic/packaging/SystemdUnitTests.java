package io.snaptastic.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snaptastic.SnaptasticApplication;
import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.Filesystems;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.host.HostFixture;
import io.snaptastic.host.MountTable;
import io.snaptastic.host.freeze.RecordingFreezer;
import io.snaptastic.host.UtilLinuxMounter;
import io.snaptastic.host.ProcessHostExecutor;
import io.snaptastic.operation.OperationsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTests {

    private static final Path UNITS = Path.of("packaging", "systemd");
    private static final Path AGENT = SystemdUnit.AGENT;
    private static final Path DROP_IN = UNITS.resolve("postgresql.service.d").resolve("10-snaptastic.conf");

    @TempDir
    Path dir;

    @Test
    void runsTheAgentJarAsRootAndRestartsItWhenItFails() throws IOException {
        SystemdUnit unit = SystemdUnit.read(AGENT);

        assertThat(unit.value("Service", "Type")).isEqualTo("simple");
        assertThat(unit.value("Service", "User")).isEqualTo("root");
        assertThat(unit.value("Service", "ExecStart")).isEqualTo(
                "/usr/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dspring.aot.enabled=true -Djdk.reflect.useNativeAccessorOnly=true"
                        + " -jar /opt/snaptastic/snaptastic.jar");
        assertThat(unit.value("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.value("Service", "Environment"))
                .isEqualTo("SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/etc/snaptastic/");
        assertThat(unit.values("Unit", "After")).contains("network-online.target");
        assertThat(unit.values("Unit", "Wants")).contains("network-online.target");
        assertThat(unit.values("Install", "WantedBy")).containsExactly("multi-user.target");
    }

    @Test
    void countsAsStartedOnlyOnceTheAgentIsReadyAndWaitsForThatWithinABound() throws IOException {
        SystemdUnit unit = SystemdUnit.read(AGENT);
        AgentDefaults defaults = AgentDefaults.read();
        List<String> wait = Arrays.asList(unit.value("Service", "ExecStartPost").split("\\s+"));

        assertThat(wait.get(0)).isEqualTo("/usr/bin/curl");
        assertThat(wait).contains("--fail", "--retry-all-errors")
                .endsWith("http://127.0.0.1:" + defaults.managementPort() + "/actuator/health/readiness");
        Duration perTry = Duration.ofSeconds(Long.parseLong(option(wait, "--max-time")));
        Duration allTries = Duration.ofSeconds(Long.parseLong(option(wait, "--retry-max-time")));
        assertThat(Long.parseLong(option(wait, "--retry"))).isPositive();
        assertThat(perTry).isPositive();
        assertThat(allTries.plus(perTry))
                .as("the readiness wait ends before systemd gives up on the start")
                .isLessThan(SystemdUnit.timeSpan(unit.value("Service", "TimeoutStartSec")));
        assertThat(SystemdUnit.timeSpan(unit.value("Service", "TimeoutStartSec"))).isLessThanOrEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void stopsTheJvmAloneFirstAndGivesItTimeToFinishAFreeze() throws IOException {
        SystemdUnit unit = SystemdUnit.read(AGENT);

        assertThat(unit.value("Service", "KillMode")).isEqualTo("mixed");
        assertThat(unit.value("Service", "KillSignal")).isEqualTo("SIGTERM");
        // The agent's own shutdown: the drain (shutdown-timeout), then a thaw bounded by 30 s (Freezer), then
        // its clients closed; SIGKILL must not come before that thaw is done.
        Duration agentShutdown = OperationsProperties.DEFAULT.shutdownTimeout().plusSeconds(30);
        assertThat(SystemdUnit.timeSpan(unit.value("Service", "TimeoutStopSec")))
                .as("the agent's shutdown timeout and its thaw, with a margin")
                .isGreaterThanOrEqualTo(agentShutdown.plusSeconds(30));
        assertThat(unit.value("Service", "SuccessExitStatus")).isEqualTo("143");
    }

    @Test
    void thawsWhatTheAgentRecordedAsFrozenOnceItHasStopped() throws IOException {
        SystemdUnit unit = SystemdUnit.read(AGENT);
        List<String> start = Arrays.asList(unit.value("Service", "ExecStart").split("\\s+"));
        List<String> thaw = Arrays.asList(unit.value("Service", "ExecStopPost").split("\\s+"));

        assertThat(thaw.get(0)).isEqualTo("/usr/bin/java");
        assertThat(option(thaw, "-jar")).as("the agent's own jar").isEqualTo(option(start, "-jar"));
        assertThat(thaw.subList(thaw.indexOf("-jar") + 2, thaw.size()))
                .containsExactly("thaw", "--state-dir", AgentDefaults.stateDir());
    }

    /** The unit's ExecStopPost= in a JVM of its own, from the class path instead of the jar, on a real freeze. */
    @Test
    void theStopPostCommandThawsAFilesystemTheAgentLeftFrozen() throws IOException {
        List<String> thaw = Arrays.asList(SystemdUnit.read(AGENT).value("Service", "ExecStopPost").split("\\s+"));
        try (HostFixture host = HostFixture.create()) {
            Path stateDir = Files.createDirectories(host.dir().resolve("state"));
            String mountPoint = host.mountPoint("data");
            ProcessHostExecutor executor = new ProcessHostExecutor();
            Path device = host.loop("data", 64 << 20).device();
            new Filesystems(executor, new MountTable()).format(device, "ext4", false);
            new UtilLinuxMounter(executor, new MountTable()).mount(device, mountPoint, "ext4", List.of("defaults"));
            Freezer killedAgent = new RecordingFreezer(executor, new MountTable(), stateDir);
            try {
                killedAgent.freeze(List.of(mountPoint), Duration.ofMinutes(10));
                List<String> argv = new ArrayList<>();
                argv.add(ProcessHandle.current().info().command().orElse("java"));
                argv.addAll(thaw.subList(1, thaw.indexOf("-jar")));
                argv.addAll(List.of("-cp", System.getProperty("java.class.path"), SnaptasticApplication.class.getName()));
                argv.addAll(thaw.subList(thaw.indexOf("-jar") + 2, thaw.size() - 1));
                argv.add(stateDir.toString());

                CommandResult result = executor.execute(new Command(argv, Duration.ofSeconds(60), Map.of()));

                assertThat(result.exitCode()).as("%s%s", result.stdout(), result.stderr()).isZero();
                assertThat(result.stdout()).contains("thawed " + mountPoint);
                assertThat(killedAgent.recordedMountPoints()).isEmpty();
                CommandResult write = executor.execute(Command.of("dd", "if=/dev/zero", "of=" + mountPoint + "/probe",
                        "bs=4096", "count=1", "conv=fsync").withTimeout(Duration.ofSeconds(20)));
                assertThat(write.succeeded()).as("a write completes: the filesystem is not frozen").isTrue();
            } finally {
                killedAgent.close();
            }
        }
    }

    @Test
    void sharesTheHostsMountNamespaceSoItsMountsAreSeenByOtherServices() throws IOException {
        SystemdUnit unit = SystemdUnit.read(AGENT);

        assertThat(unit.keys("Service")).doesNotContainAnyElementsOf(List.of(
                "ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateMounts", "PrivateDevices", "MountFlags",
                "ReadOnlyPaths", "InaccessiblePaths", "TemporaryFileSystem", "RootDirectory", "DynamicUser"));
    }

    @Test
    void theExampleDropInStartsPostgresqlOnlyAfterTheAgentAndItsDataMount() throws IOException {
        SystemdUnit dropIn = SystemdUnit.read(DROP_IN);

        assertThat(dropIn.values("Unit", "Requires")).containsExactly("snaptastic.service");
        assertThat(dropIn.values("Unit", "After")).containsExactly("snaptastic.service");
        assertThat(dropIn.value("Unit", "RequiresMountsFor")).isEqualTo("/var/lib/postgresql");
        assertThat(dropIn.sections()).containsOnlyKeys("Unit");
    }

    @Test
    void systemdAcceptsBothFilesWithoutAWarning() throws IOException {
        Optional<Path> analyze = onPath("systemd-analyze");
        assumeTrue(analyze.isPresent(), "systemd-analyze is not installed here; the units are checked by the parsing tests only");
        // verify also checks that every Exec program exists, so it needs the ones the unit names.
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "verify needs /usr/bin/java and /usr/bin/curl, which the unit runs, and this machine lacks one");
        Files.copy(AGENT, dir.resolve("snaptastic.service"));
        // A stand-in postgresql.service, so that verify loads the drop-in from the directory beside it.
        Files.writeString(dir.resolve("postgresql.service"), "[Service]\nExecStart=/usr/bin/java -version\n");
        Files.createDirectory(dir.resolve("postgresql.service.d"));
        Files.copy(DROP_IN, dir.resolve("postgresql.service.d").resolve("10-snaptastic.conf"));

        CommandResult result = new ProcessHostExecutor().execute(new Command(
                List.of(analyze.get().toString(), "verify",
                        dir.resolve("snaptastic.service").toString(), dir.resolve("postgresql.service").toString()),
                Duration.ofSeconds(60),
                Map.of("SYSTEMD_UNIT_PATH", dir + ":")));

        assertThat(result.exitCode()).as("systemd-analyze verify: %s", result.stderr()).isZero();
        assertThat(result.stderr().lines().filter(line -> line.contains(dir.toString()) || line.contains("snaptastic")))
                .as("warnings about the units").isEmpty();
    }

    private static String option(List<String> argv, String name) {
        int index = argv.indexOf(name);
        assertThat(index).as("%s in %s", name, argv).isNotNegative();
        return argv.get(index + 1);
    }

    private static Optional<Path> onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
