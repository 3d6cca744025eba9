package io.snaptastic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The main packages' dependencies, computed from the source's imports, form no cycle. */
class ArchitectureTests {

    private final PackageGraph graph = PackageGraph.ofSources(PackageGraph.MAIN_SOURCES);

    @Test
    void readsEveryMainPackage() {
        assertThat(graph.packages()).contains("io.snaptastic", "io.snaptastic.config", "io.snaptastic.web");
    }

    @Test
    void mainPackagesFormNoCycle() {
        assertThat(graph.describeKnots()).as("package cycles (each with the imports that close it)").isEmpty();
    }
}
