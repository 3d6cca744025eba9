package io.snaptastic.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and docs/ as a reader follows them on GitHub: every relative link names a file that
 * exists, every {@code #anchor} a heading of its target, and the README stays a front door.
 */
class DocsLinksTests {

    private static final Path ROOT = Path.of("");

    @Test
    void everyRelativeLinkOfTheReadmeAndTheManualResolves() {
        List<Path> files = DocsLinks.manual(ROOT);

        assertThat(files).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/README.md"));
        assertThat(new DocsLinks().broken(files)).isEmpty();
    }

    @Test
    void theReadmeIsAtMost300Lines() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void aMissingFileAndAMissingHeadingAreReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Other page\n\n## The checks: `snaptastic test`\n");
        Path page = Files.writeString(dir.resolve("page.md"), """
                # Page
                [ok](other.md#the-checks-snaptastic-test) [ok](#page) [web](https://example.com/x.md#y)
                [gone](missing.md) [no heading](other.md#nothing) [no local heading](#nowhere)
                ```
                [in code](not-checked.md)
                ```
                """);

        assertThat(new DocsLinks().broken(List.of(page))).containsExactly(
                page + ": (missing.md) no such file",
                page + ": (other.md#nothing) no heading with the anchor #nothing",
                page + ": (#nowhere) no heading with the anchor #nowhere");
    }

    @Test
    void anchorsFollowGitHubsSlugs() {
        assertThat(MarkdownPage.slug("The checks: `snaptastic test`, `GET /checks`"))
                .isEqualTo("the-checks-snaptastic-test-get-checks");
        assertThat(MarkdownPage.slug("`snaptastic.snapshotters.NAME.*`")).isEqualTo("snaptasticsnapshottersname");
        assertThat(MarkdownPage.slug("1. Settings file → YAML")).isEqualTo("1-settings-file--yaml");
        assertThat(MarkdownPage.slug("Retention (the seed's `clean`)")).isEqualTo("retention-the-seeds-clean");
    }

    @Test
    void aRepeatedHeadingGetsANumberedAnchor(@TempDir Path dir) throws IOException {
        Path page = Files.writeString(dir.resolve("page.md"), "# Tests\n## Tests\n### Tests\n");

        assertThat(MarkdownPage.read(page).anchors()).containsExactlyInAnyOrder("tests", "tests-1", "tests-2");
    }
}
