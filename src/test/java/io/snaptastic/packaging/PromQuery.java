package io.snaptastic.packaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and label names a PromQL expression uses, read by a small tokenizer: enough for the
 * dashboard's queries (selectors, aggregations, {@code on}/{@code by} lists, functions), not a parser.
 *
 * @param metrics each metric name with the labels its own selector matches on
 * @param groupingLabels the labels named in {@code by}, {@code without}, {@code on}, {@code ignoring} and the group modifiers
 */
public record PromQuery(Map<String, Set<String>> metrics, Set<String> groupingLabels) {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    // Quoted strings, range and subquery brackets ([5m], [$__rate_interval]), offsets and Grafana's $variables hold no names.
    private static final Pattern NOISE = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|\\[[^]]*]|\\$\\w+|\\boffset\\s+-?\\w+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*|=~|!~|!=|==|\\S");

    public static PromQuery parse(String expr) {
        Matcher tokens = TOKEN.matcher(NOISE.matcher(expr).replaceAll(" \"\" "));
        Deque<String> list = new ArrayDeque<>();
        while (tokens.find()) {
            list.add(tokens.group());
        }
        return read(list.toArray(String[]::new));
    }

    private static PromQuery read(String[] tokens) {
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        Set<String> grouping = new LinkedHashSet<>();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            String next = i + 1 < tokens.length ? tokens[i + 1] : "";
            if (GROUPING.contains(token) && next.equals("(")) {
                i = names(tokens, i + 2, ")", grouping);
            } else if (isMetric(token, next)) {
                Set<String> labels = metrics.computeIfAbsent(token, k -> new LinkedHashSet<>());
                if (next.equals("{")) {
                    i = selectorLabels(tokens, i + 2, labels);
                }
            }
        }
        return new PromQuery(metrics, grouping);
    }

    /** Reads a list of names up to {@code end}; returns the index of {@code end}. */
    private static int names(String[] tokens, int from, String end, Set<String> into) {
        int i = from;
        for (; i < tokens.length && !tokens[i].equals(end); i++) {
            if (isName(tokens[i])) {
                into.add(tokens[i]);
            }
        }
        return i;
    }

    /** Reads {@code label op "value", ...} up to the closing brace; returns its index. */
    private static int selectorLabels(String[] tokens, int from, Set<String> into) {
        int i = from;
        for (; i < tokens.length && !tokens[i].equals("}"); i++) {
            if (isName(tokens[i]) && i + 1 < tokens.length && tokens[i + 1].matches("=|=~|!=|!~")) {
                into.add(tokens[i]);
            }
        }
        return i;
    }

    /** A name that is no keyword, no function call and no aggregation before its {@code by}/{@code without}. */
    private static boolean isMetric(String token, String next) {
        return isName(token) && !KEYWORDS.contains(token) && !next.equals("(")
                && !(AGGREGATIONS.contains(token) && GROUPING.contains(next));
    }

    private static boolean isName(String token) {
        return Character.isLetter(token.charAt(0)) || token.charAt(0) == '_' || token.charAt(0) == ':';
    }
}
