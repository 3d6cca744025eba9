package io.snaptastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The main packages' dependencies, computed from the source's imports: they form no cycle, and they
 * point down the layers of docs/architecture.md, never up.
 */
class ArchitectureTests {

    /** Top-level packages from the bottom up; a package may use its own layer's and those below. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("problem", "support"),
            Set.of("config"),
            Set.of("instance"),
            Set.of("ec2", "host"),
            Set.of("snapshotter"),
            Set.of("workflow"),
            Set.of("operation"),
            Set.of("web"),
            Set.of("mount", "snapshot", "retention", "volume", "check"),
            Set.of("lifecycle"),
            Set.of("health"),
            Set.of("sandbox", "cli"),
            Set.of("(root)"));

    private final PackageGraph graph = PackageGraph.ofSources(PackageGraph.MAIN_SOURCES);

    @Test
    void readsEveryMainPackage() {
        assertThat(graph.packages()).contains("io.snaptastic", "io.snaptastic.config", "io.snaptastic.web");
    }

    @Test
    void mainPackagesFormNoCycle() {
        assertThat(graph.describeKnots()).as("package cycles (each with the imports that close it)").isEmpty();
    }

    @Test
    void everyPackageHasALayer() {
        assertThat(graph.packages().stream().map(ArchitectureTests::topLevel).filter(name -> layer(name) < 0))
                .as("packages missing from ArchitectureTests.LAYERS and docs/architecture.md").isEmpty();
    }

    @Test
    void dependenciesPointDownTheLayers() {
        List<String> upward = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : graph.dependencies().entrySet()) {
            for (String target : entry.getValue()) {
                if (layer(topLevel(target)) > layer(topLevel(entry.getKey()))) {
                    upward.add(topLevel(entry.getKey()) + " -> " + topLevel(target) + " ("
                            + graph.reason(entry.getKey(), target) + ")");
                }
            }
        }
        assertThat(upward).as("dependencies on a higher layer").isEmpty();
    }

    private static String topLevel(String name) {
        return name.equals("io.snaptastic") ? "(root)" : name.substring("io.snaptastic.".length()).split("\\.")[0];
    }

    private static int layer(String topLevel) {
        return IntStream.range(0, LAYERS.size()).filter(i -> LAYERS.get(i).contains(topLevel)).findFirst().orElse(-1);
    }
}
