package io.snaptastic.packaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of a Grafana dashboard (every panel's targets, rows' panels included, and the query variables),
 * checked against one scrape of an agent: each metric must be a series the scrape holds, and each label a
 * query matches on or groups by must be one of those series' labels.
 */
public record DashboardQueries(Map<String, String> expressions) {

    /** Labels Prometheus adds to every series it scrapes (the target's), so no agent exports them. */
    public static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    /** Grafana's {@code label_values(series, label)} is no PromQL: it reads as {@code count by (label) (series)}. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    public static DashboardQueries read(String dashboardJson) {
        JsonNode dashboard = JsonMapper.builder().build().readTree(dashboardJson);
        Map<String, String> expressions = new LinkedHashMap<>();
        panels(dashboard.path("panels"), expressions);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                String query = variable.path("query").path("query").asText();
                expressions.put("variable " + variable.path("name").asText(),
                        LABEL_VALUES.matcher(query).replaceAll("count by ($2) ($1)"));
            }
        }
        return new DashboardQueries(expressions);
    }

    private static void panels(JsonNode panels, Map<String, String> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.put(panel.path("title").asText() + " " + target.path("refId").asText(), target.path("expr").asText());
            }
            panels(panel.path("panels"), into);
        }
    }

    /** Each metric or label of the dashboard the scrape lacks, named with the panel that uses it; empty when all are there. */
    public List<String> missingFrom(String scrape) {
        Map<String, Set<String>> series = series(scrape);
        List<String> missing = new ArrayList<>();
        expressions.forEach((where, expr) -> {
            PromQuery query = PromQuery.parse(expr);
            Set<String> available = new HashSet<>(TARGET_LABELS);
            query.metrics().forEach((metric, labels) -> {
                Set<String> exported = series.get(metric);
                if (exported == null) {
                    missing.add(where + ": metric " + metric);
                    return;
                }
                available.addAll(exported);
                labels.stream().filter(l -> !exported.contains(l) && !TARGET_LABELS.contains(l))
                        .forEach(l -> missing.add(where + ": label " + l + " of " + metric));
            });
            query.groupingLabels().stream().filter(l -> !available.contains(l))
                    .forEach(l -> missing.add(where + ": label " + l));
        });
        return missing;
    }

    /** Every series name of a Prometheus text scrape with the label names it carries. */
    static Map<String, Set<String>> series(String scrape) {
        Map<String, Set<String>> series = new HashMap<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            Set<String> labels = series.computeIfAbsent(name, k -> new HashSet<>());
            if (brace >= 0 && brace < space) {
                Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        });
        return series;
    }
}
