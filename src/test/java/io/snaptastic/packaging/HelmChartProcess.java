package io.snaptastic.packaging;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JVM in which {@link HelmRunner} has helm-java lint and render the chart. Reads one request per
 * line on stdin, a JSON array: {@code ["lint", CHART]} or {@code ["template", CHART, RELEASE,
 * "--set", "KEY=VALUE" | "--values", FILE, ...]}; answers each with one JSON line on stdout,
 * {@code {"ok": true|false, "output": TEXT}}. Ends at the end of stdin.
 */
final class HelmChartProcess {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HelmChartProcess() {}

    public static void main(String[] args) throws Exception {
        // Stdout carries the answers only; whatever logs to System.out goes to stderr instead.
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            Map<String, Object> answer;
            try {
                answer = Map.of("ok", true, "output", run(JSON.readValue(line, new TypeReference<List<String>>() {})));
            } catch (RuntimeException e) {
                answer = Map.of("ok", false, "output", String.valueOf(e.getMessage()));
            }
            answers.println(JSON.writeValueAsString(answer));
        }
    }

    private static String run(List<String> request) {
        Helm helm = new Helm(Path.of(request.get(1)));
        if (request.get(0).equals("lint")) {
            LintResult result = helm.lint().strict().call();
            if (result.isFailed()) {
                throw new IllegalStateException("lint failed:\n" + String.join("\n", result.getMessages()));
            }
            return String.join("\n", result.getMessages());
        }
        TemplateCommand template = helm.template().withName(request.get(2));
        for (int i = 3; i + 1 < request.size(); i += 2) {
            String argument = request.get(i + 1);
            template = switch (request.get(i)) {
                case "--set" -> template.set(argument.substring(0, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
                case "--values" -> template.withValuesFile(Path.of(argument));
                default -> throw new IllegalArgumentException("unknown option " + request.get(i));
            };
        }
        return template.call();
    }
}
