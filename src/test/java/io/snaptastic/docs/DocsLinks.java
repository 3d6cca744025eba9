package io.snaptastic.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Checks the relative links of a set of markdown files: each names a file, each anchor a heading of it. */
final class DocsLinks {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Map<Path, MarkdownPage> pages = new HashMap<>();

    /** Every broken link of the given files, one line each: file, link and what is wrong. */
    List<String> broken(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (String link : page(file).links()) {
                if (!SCHEME.matcher(link).find()) {
                    String problem = problem(file, link);
                    if (problem != null) {
                        problems.add(file + ": (" + link + ") " + problem);
                    }
                }
            }
        }
        return problems;
    }

    /** README.md and every markdown file under docs/, below the given root. */
    static List<Path> manual(Path root) {
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            return Stream.concat(Stream.of(root.resolve("README.md")),
                    docs.filter(path -> path.toString().endsWith(".md")).sorted()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String problem(Path file, String link) {
        int hash = link.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? link : link.substring(0, hash), StandardCharsets.UTF_8);
        Path target = path.isEmpty() ? file : file.toAbsolutePath().getParent().resolve(path).normalize();
        if (!Files.exists(target)) {
            return "no such file";
        }
        if (hash < 0 || !target.toString().endsWith(".md")) {
            return null;
        }
        String anchor = link.substring(hash + 1);
        return page(target).anchors().contains(anchor) ? null : "no heading with the anchor #" + anchor;
    }

    private MarkdownPage page(Path file) {
        return pages.computeIfAbsent(file.toAbsolutePath().normalize(), MarkdownPage::read);
    }
}
