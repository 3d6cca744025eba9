package io.snaptastic.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        // Longer than a freeze may last (freeze-max-duration, 30 s by default) plus the create call.
        assertThat(SystemdUnit.timeSpan(unit.value("Service", "TimeoutStopSec"))).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(unit.value("Service", "SuccessExitStatus")).isEqualTo("143");
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
