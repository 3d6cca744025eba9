package io.snaptastic.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two commands at the top of the README, the first thing a new user runs: they stay as they are,
 * and CI runs exactly the README's test command, so what the README promises is what CI checks.
 */
class ReadmeCommandsTests {

    private static final String BUILD_AND_RUN =
            "sudo ./mvnw -B package -DskipTests && sudo java -jar target/snaptastic.jar --spring.profiles.active=sandbox";
    private static final String TEST = "sudo ./mvnw -B verify";

    @Test
    void theReadmeOpensWithTheBuildAndRunCommandAndTheTestCommand() throws IOException {
        assertThat(codeBlocks(Path.of("README.md"))).startsWith(BUILD_AND_RUN, TEST);
    }

    @Test
    void ciRunsExactlyTheReadmesTestCommand() throws IOException {
        String readmeTest = codeBlocks(Path.of("README.md")).get(1).replaceFirst("^sudo ", "");
        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        assertThat(ci.get(ci.size() - 1)).isEqualTo(readmeTest);
    }

    private static List<String> codeBlocks(Path file) throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("```")) {
                if (block != null) {
                    blocks.add(block.toString().strip());
                }
                block = block == null ? new StringBuilder() : null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
