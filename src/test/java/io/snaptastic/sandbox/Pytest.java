package io.snaptastic.sandbox;

import io.snaptastic.host.Command;
import io.snaptastic.host.CommandResult;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Moto's tests run by pytest in moto's server mode against an endpoint, each test's outcome read from pytest's JUnit XML. */
final class Pytest {

    enum Outcome { PASSED, FAILED, SKIPPED }

    /** One test's outcome and, when it did not pass, pytest's first line of why. */
    record Result(Outcome outcome, String message) {}

    static final HostExecutor HOST = new ProcessHostExecutor();
    static final String PYTHON = System.getenv().getOrDefault("SNAPTASTIC_PYTHON", "python3");

    private Pytest() {}

    /** Why pytest cannot run moto's tests here, or null when it can. */
    static String unavailable() {
        try {
            CommandResult check = python("-c", "import pytest, boto3, moto");
            return check.succeeded() ? null : PYTHON + " lacks pytest, boto3 or moto: " + check.stderr().strip();
        } catch (HostCommandException e) {
            return PYTHON + " cannot be run (set SNAPTASTIC_PYTHON): " + e.getMessage();
        }
    }

    /**
     * Moto's test_tags.py imports test_instances.py, which imports freezegun. Where freezegun is not
     * installed, a stand-in on the path lets the module load; the tests that freeze time are skipped.
     */
    static Path stubsFor(Path workDir) throws IOException {
        Path stubs = Files.createDirectories(workDir.resolve("stubs"));
        if (!python("-c", "import freezegun").succeeded()) {
            Path freezegun = Files.createDirectories(stubs.resolve("freezegun"));
            Files.writeString(freezegun.resolve("__init__.py"), """
                    # Written by MotoSuiteConformanceTests: freezegun is not installed here.
                    import pytest

                    def freeze_time(*args, **kwargs):
                        return pytest.mark.skip(reason="freezegun is not installed")
                    """, StandardCharsets.UTF_8);
        }
        return stubs;
    }

    /** Runs the test files against the endpoint and answers each test's outcome by its id (file::name). */
    static Map<String, Result> run(MotoTests tests, List<String> files, String endpoint, Path workDir, long timeoutSeconds)
            throws Exception {
        Path report = workDir.resolve("report.xml");
        List<String> argv = new ArrayList<>(List.of(PYTHON, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rN",
                "--rootdir", tests.root().toString(), "--junitxml", report.toString()));
        files.forEach(file -> argv.add(tests.root().resolve(file).toString()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TEST_SERVER_MODE", "true");
        env.put("TEST_SERVER_MODE_ENDPOINT", endpoint);
        // The sandbox has no /moto-api/reset: its state lives on across tests, as an account's does.
        env.put("MOTO_CALL_RESET_API", "false");
        env.put("AWS_ACCESS_KEY_ID", "AKIDSANDBOX");
        env.put("AWS_SECRET_ACCESS_KEY", "sandbox-secret");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONPATH", stubsFor(workDir).toString());
        CommandResult pytest = HOST.execute(new Command(argv, Duration.ofSeconds(timeoutSeconds), env));
        if (!Files.isRegularFile(report)) {
            throw new AssertionError("pytest wrote no report (exit " + pytest.exitCode() + "):\n" + pytest.stdout() + pytest.stderr());
        }
        return outcomes(report);
    }

    private static CommandResult python(String... args) {
        List<String> argv = new ArrayList<>(List.of(PYTHON));
        argv.addAll(List.of(args));
        return HOST.execute(new Command(argv, Duration.ofSeconds(60), Map.of()));
    }

    static Map<String, Result> outcomes(Path report) throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getElementsByTagName("testcase");
        Map<String, Result> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            outcomes.put(id(testcase.getAttribute("classname"), testcase.getAttribute("name")), outcome(testcase));
        }
        return outcomes;
    }

    /** {@code tests.test_ec2.test_tags} and {@code test_x} as {@code test_tags.py::test_x}, as pytest names it. */
    static String id(String classname, String name) {
        String[] parts = classname.replaceFirst("^tests\\.test_ec2\\.", "").split("\\.");
        StringBuilder id = new StringBuilder(parts[0]).append(".py");
        for (int i = 1; i < parts.length; i++) {
            id.append("::").append(parts[i]);
        }
        return id.append("::").append(name).toString();
    }

    private static Result outcome(Element testcase) {
        for (String failed : List.of("failure", "error")) {
            if (testcase.getElementsByTagName(failed).getLength() > 0) {
                return new Result(Outcome.FAILED, message((Element) testcase.getElementsByTagName(failed).item(0)));
            }
        }
        NodeList skipped = testcase.getElementsByTagName("skipped");
        return skipped.getLength() > 0 ? new Result(Outcome.SKIPPED, message((Element) skipped.item(0))) : new Result(Outcome.PASSED, "");
    }

    private static String message(Element element) {
        String message = element.getAttribute("message");
        return message.lines().findFirst().orElse("").strip();
    }
}
