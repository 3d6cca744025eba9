package io.snaptastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package graph that {@link ArchitectureTests} checks finds and names a cycle. */
class PackageGraphTests {

    @TempDir
    Path sources;

    @Test
    void namesACycleWithTheImportsThatCloseIt() throws IOException {
        write("a/A.java", "package io.snaptastic.a;\nimport io.snaptastic.b.B;\nclass A {}\n");
        write("b/B.java", "package io.snaptastic.b;\nclass B { io.snaptastic.c.C c; }\n");
        write("c/C.java", "package io.snaptastic.c;\nimport static io.snaptastic.a.A.run;\nclass C {}\n");
        write("d/D.java", "package io.snaptastic.d;\nimport io.snaptastic.a.A;\nclass D {}\n");

        PackageGraph graph = PackageGraph.ofSources(sources);

        assertThat(graph.cycles()).hasSize(1);
        assertThat(graph.describe(graph.cycles().get(0)))
                .isEqualTo("a -> b (A uses B) -> c (B uses C) -> a (C uses A)");
    }

    @Test
    void findsNoCycleWhereDependenciesPointOneWay() throws IOException {
        write("a/A.java", "package io.snaptastic.a;\nimport io.snaptastic.b.B;\nclass A {}\n");
        write("b/B.java", "package io.snaptastic.b;\nimport io.snaptastic.SnaptasticApplication;\nclass B {}\n");

        PackageGraph graph = PackageGraph.ofSources(sources);

        assertThat(graph.cycles()).isEmpty();
        assertThat(graph.dependencies()).containsEntry("io.snaptastic.b", Set.of("io.snaptastic"));
        assertThat(graph.packages()).isEqualTo(Set.of("io.snaptastic.a", "io.snaptastic.b"));
    }

    private void write(String path, String source) throws IOException {
        Path file = sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }
}
