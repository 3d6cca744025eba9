package io.snaptastic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** packaging/bin/snaptastic hands every argument, unchanged, to the jar, with the jar and java overridable. */
class LauncherScriptTests {

    private static final Path SCRIPT = Path.of("packaging/bin/snaptastic").toAbsolutePath();

    @Test
    void passesEveryArgumentUnchangedToTheJar(@TempDir Path dir) throws IOException {
        Path fakeJava = Files.writeString(dir.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));

        CommandResult result = new ProcessHostExecutor().execute(Command.of("/bin/sh", SCRIPT.toString(), "mount-snapshots",
                        "solr", "--userdata", "{\"role\": \"solr\"}")
                .withEnvironment(Map.of("JAVA", fakeJava.toString(), "SNAPTASTIC_JAR", "/srv/my snaptastic.jar",
                        "SNAPTASTIC_JAVA_OPTS", "-Xmx64m -Dx=y"))
                .withTimeout(Duration.ofSeconds(10)));

        assertThat(result.stdout()).isEqualTo(
                "[-Xmx64m]\n[-Dx=y]\n[-jar]\n[/srv/my snaptastic.jar]\n[mount-snapshots]\n[solr]\n[--userdata]\n[{\"role\": \"solr\"}]\n");
    }

    @Test
    void defaultsToTheInstalledJarWithFastStartOptions(@TempDir Path dir) throws IOException {
        Path fakeJava = Files.writeString(dir.resolve("java"), "#!/bin/sh\necho \"$*\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));

        CommandResult result = new ProcessHostExecutor().execute(Command.of("/bin/sh", SCRIPT.toString(), "test")
                .withEnvironment(Map.of("JAVA", fakeJava.toString())).withTimeout(Duration.ofSeconds(10)));

        assertThat(result.stdout()).isEqualTo(
                "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar /opt/snaptastic/snaptastic.jar test\n");
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
    }
}
