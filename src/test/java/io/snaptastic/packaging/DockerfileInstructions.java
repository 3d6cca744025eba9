package io.snaptastic.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read into its instructions, grouped by build stage, with its comments kept apart:
 * continuation lines joined, as the builder reads them.
 */
record DockerfileInstructions(List<Stage> stages, List<String> comments) {

    /** One instruction: its keyword (upper case) and the rest of the line. */
    record Instruction(String keyword, String arguments) {}

    /** A build stage: its FROM arguments and the instructions after it. */
    record Stage(String from, List<Instruction> instructions) {

        List<String> arguments(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }
    }

    static DockerfileInstructions read(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                comments.add(trimmed.substring(1).strip());
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            String whole = pending.append(trimmed).toString().strip();
            pending.setLength(0);
            if (whole.isEmpty()) {
                continue;
            }
            String[] parts = whole.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                current = new ArrayList<>();
                stages.add(new Stage(instruction.arguments(), current));
            } else if (current == null) {
                throw new IllegalArgumentException(file + ": " + instruction.keyword() + " before the first FROM");
            } else {
                current.add(instruction);
            }
        }
        return new DockerfileInstructions(List.copyOf(stages), List.copyOf(comments));
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }
}
