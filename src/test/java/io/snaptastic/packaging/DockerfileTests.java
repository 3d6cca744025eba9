package io.snaptastic.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.packaging.DockerfileInstructions.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Dockerfile's key facts, read from the file: no Docker engine is needed (or available) to run
 * these, so they check what the image is made of, not that it builds.
 */
class DockerfileTests {

    private static final Pattern CACHE_OUTPUT = Pattern.compile("-XX:AOTCacheOutput=(\\S+)");
    private static final Pattern JAR = Pattern.compile("-jar\\s+(\\S+)");

    private final DockerfileInstructions dockerfile;

    DockerfileTests() throws IOException {
        dockerfile = DockerfileInstructions.read(Path.of("Dockerfile"));
    }

    @Test
    void buildsTheJarWithTheMavenWrapperInAStageOfItsOwn() {
        Stage build = dockerfile.stages().get(0);

        assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(build.from()).matches("eclipse-temurin:25-jdk\\s+AS\\s+build");
        assertThat(build.arguments("RUN")).anyMatch(run -> run.contains("./mvnw -B package"));
        assertThat(dockerfile.last().arguments("COPY")).anyMatch(copy -> copy.startsWith("--from=build "));
    }

    @Test
    void runsOnAJava25JreWithTheHostToolsTheAgentCalls() {
        Stage runtime = dockerfile.last();

        assertThat(runtime.from()).isEqualTo("eclipse-temurin:25-jre");
        assertThat(installed()).contains("util-linux", "e2fsprogs", "xfsprogs");
    }

    @Test
    void trainsAnAotCacheAtBuildTimeAndStartsWithTheSameCacheAndJar() {
        String training = dockerfile.last().arguments("RUN").stream()
                .filter(run -> run.contains("-XX:AOTCacheOutput="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no training run in the runtime stage"));
        List<String> entrypoint = entrypoint();

        // Trained up to a readiness answer and stopped as a service manager stops it, so the web
        // servers and the request path are in the cache, and the build fails without a cache.
        String cache = group(CACHE_OUTPUT, training);
        assertThat(training)
                .doesNotContain("spring.context.exit")
                .contains("http://127.0.0.1:8169/actuator/health/readiness", "kill -TERM", "test -s " + cache);
        String jar = group(JAR, training);
        assertThat(cache).startsWith("/");
        assertThat(jar).startsWith("/");
        assertThat(entrypoint).contains("-XX:AOTCache=" + cache);
        assertThat(entrypoint.get(entrypoint.indexOf("-jar") + 1)).isEqualTo(jar);
        // The training run must not leave a token in the image: its state dir is thrown away.
        String stateDir = group(Pattern.compile("-Dsnaptastic\\.state-dir=(\\S+)"), training);
        assertThat(training).contains("rm -rf " + stateDir);
        // The training run starts the agent as the ENTRYPOINT does: the JVM drops a cache made with another
        // collector or compiler setting, and with other system properties (Spring's AOT mode, native
        // reflection) the training would load other classes than the agent does.
        for (String option : SystemdUnit.agentJvmOptions()) {
            assertThat(training).contains(option);
        }
        // The cache only covers the extracted form of the jar.
        assertThat(dockerfile.stages().get(0).arguments("RUN")).anyMatch(run -> run.contains("-Djarmode=tools") && run.contains("extract"));
    }

    @Test
    void startsTheAgentWithTheJvmOptionsOfTheSystemdUnit() {
        List<String> entrypoint = entrypoint();
        List<String> options = entrypoint.subList(1, entrypoint.indexOf("-jar")).stream()
                .filter(option -> !option.startsWith("-XX:AOTCache="))
                .toList();

        // One list for the image, the unit and the bench (which reads it from the unit).
        assertThat(options).isEqualTo(SystemdUnit.agentJvmOptions());
    }

    @Test
    void startsJavaDirectlyInExecForm() {
        List<String> entrypoint = entrypoint();

        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(dockerfile.last().arguments("CMD")).isEmpty();
    }

    @Test
    void checksLivenessOnTheManagementPortWithAToolTheImageInstalls() throws IOException {
        List<String> healthcheck = dockerfile.last().arguments("HEALTHCHECK");
        assertThat(healthcheck).hasSize(1);
        String instruction = healthcheck.get(0);
        assertThat(instruction).contains("--timeout=", "--interval=");
        List<String> command = execForm(instruction.substring(instruction.indexOf("CMD ") + 4));

        assertThat(command.get(0)).isEqualTo("curl");
        assertThat(installed()).contains("curl");
        // Liveness, not the overall health: that one is DOWN on a fresh instance with no snapshot yet.
        assertThat(command).contains("--fail")
                .contains("http://127.0.0.1:" + AgentDefaults.read().managementPort() + "/actuator/health/liveness")
                .noneMatch(argument -> argument.endsWith("/actuator/health"));
    }

    @Test
    void runsAsRootAndSaysWhy() {
        assertThat(dockerfile.last().arguments("USER")).allMatch(user -> user.equals("root") || user.equals("0"));
        Optional<String> why = dockerfile.comments().stream().filter(comment -> comment.contains("root")).findFirst();
        assertThat(why).as("a comment on running as root").isPresent();
        String reason = String.join(" ", dockerfile.comments());
        assertThat(reason).contains("mount", "mkfs", "fsfreeze", "block devices");
    }

    /** The words of the runtime stage's apt-get install, packages among them. */
    private List<String> installed() {
        String install = dockerfile.last().arguments("RUN").stream()
                .filter(run -> run.contains("apt-get") && run.contains("install"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no apt-get install in the runtime stage"));
        return Arrays.asList(install.split("\\s+"));
    }

    private List<String> entrypoint() {
        List<String> entrypoints = dockerfile.last().arguments("ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        return execForm(entrypoints.get(0));
    }

    /** An exec-form argument list: a JSON array of strings, which is also YAML. */
    @SuppressWarnings("unchecked")
    private static List<String> execForm(String arguments) {
        assertThat(arguments.strip()).as("exec form").startsWith("[").endsWith("]");
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(arguments);
        assertThat(parsed).isInstanceOf(List.class);
        assertThat((List<Object>) parsed).allMatch(String.class::isInstance);
        return (List<String>) parsed;
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
