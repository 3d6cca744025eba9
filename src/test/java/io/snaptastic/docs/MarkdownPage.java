package io.snaptastic.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One markdown file read as GitHub renders it: its link targets and its headings' anchors. */
record MarkdownPage(Path file, List<String> links, Set<String> anchors) {

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    // github-slugger (what GitHub uses) drops every character that is not a letter, mark, number,
    // connector punctuation, space or hyphen, after lower-casing; each space becomes one hyphen.
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    static MarkdownPage read(Path file) {
        List<String> links = new ArrayList<>();
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines(file)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
            } else if (!fenced) {
                String text = CODE_SPAN.matcher(line).replaceAll("code");
                collect(LINK.matcher(text), links);
                collect(HTML_ANCHOR.matcher(line), anchors);
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    anchors.add(unique(slug(heading.group(1)), seen));
                }
            }
        }
        return new MarkdownPage(file, List.copyOf(links), Set.copyOf(anchors));
    }

    /** The anchor GitHub gives a heading: markdown removed, lower case, punctuation dropped, spaces to '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return NOT_IN_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    private static String unique(String slug, Map<String, Integer> seen) {
        int count = seen.merge(slug, 1, Integer::sum);
        return count == 1 ? slug : slug + "-" + (count - 1);
    }

    private static void collect(Matcher matcher, Collection<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
