package io.snaptastic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of the agent's packages refers to which, read from the source files: an import, a static
 * import or a qualified name {@code io.snaptastic.x.Y} in the text each count as a dependency.
 */
final class PackageGraph {

    static final Path MAIN_SOURCES = Path.of("src/main/java");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    // A package is the lower-case segments before the first capitalised one (the type).
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.snaptastic((?:\\.[a-z][a-z0-9_]*)*)\\.([A-Z]\\w*)");

    /** Package → the packages it refers to → one class of it that does, with the type it names. */
    private final Map<String, Map<String, String>> edges;

    private PackageGraph(Map<String, Map<String, String>> edges) {
        this.edges = edges;
    }

    static PackageGraph ofSources(Path root) {
        Map<String, Map<String, String>> edges = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(file -> read(file, edges));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackageGraph(edges);
    }

    private static void read(Path file, Map<String, Map<String, String>> edges) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher declared = PACKAGE.matcher(source);
        if (!declared.find()) {
            return;
        }
        String from = declared.group(1);
        Map<String, String> targets = edges.computeIfAbsent(from, key -> new TreeMap<>());
        String className = file.getFileName().toString().replace(".java", "");
        Matcher reference = REFERENCE.matcher(source.substring(declared.end()));
        while (reference.find()) {
            String to = "io.snaptastic" + reference.group(1);
            if (!to.equals(from)) {
                targets.putIfAbsent(to, className + " uses " + reference.group(2));
            }
        }
    }

    Set<String> packages() {
        return edges.keySet();
    }

    /** The packages each package refers to. */
    Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        edges.forEach((from, targets) -> dependencies.put(from, new TreeSet<>(targets.keySet())));
        return dependencies;
    }

    /** Why {@code from} depends on {@code to}: one class of it and the type it names. */
    String reason(String from, String to) {
        return edges.getOrDefault(from, Map.of()).get(to);
    }

    /** The knots: sets of packages that all depend on each other (Tarjan's strongly connected components). */
    List<Set<String>> knots() {
        return new Components().find().stream().filter(component -> component.size() > 1).toList();
    }

    /** One cycle through each knot. */
    List<List<String>> cycles() {
        return knots().stream().map(this::cycleWithin).toList();
    }

    /** Each knot as one of its cycles, and all of its packages when the knot is larger than that cycle. */
    List<String> describeKnots() {
        return knots().stream().map(knot -> {
            List<String> cycle = cycleWithin(knot);
            return describe(cycle) + (knot.size() < cycle.size() ? ""
                    : "; the knot holds " + knot.stream().map(PackageGraph::shortName).toList());
        }).toList();
    }

    /** A cycle as {@code a -> b (A uses B) -> a (B uses A)}. */
    String describe(List<String> cycle) {
        StringBuilder text = new StringBuilder(shortName(cycle.get(0)));
        for (int i = 1; i < cycle.size(); i++) {
            text.append(" -> ").append(shortName(cycle.get(i)))
                    .append(" (").append(reason(cycle.get(i - 1), cycle.get(i))).append(")");
        }
        return text.toString();
    }

    private static String shortName(String name) {
        return name.equals("io.snaptastic") ? "(root)" : name.substring("io.snaptastic.".length());
    }

    /** The shortest way from the component's first package back to itself, staying inside it. */
    private List<String> cycleWithin(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            for (String next : edges.getOrDefault(at, Map.of()).keySet()) {
                if (next.equals(start)) {
                    List<String> cycle = new ArrayList<>(List.of(start));
                    for (String step = at; !step.equals(start); step = cameFrom.get(step)) {
                        cycle.add(1, step);
                    }
                    cycle.add(start);
                    return cycle;
                }
                if (component.contains(next) && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.addLast(next);
                }
            }
        }
        throw new IllegalStateException("no cycle in " + component);
    }

    /** Tarjan's algorithm over the graph's packages. */
    private final class Components {

        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> found = new ArrayList<>();

        List<Set<String>> find() {
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return found;
        }

        private void visit(String node) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                }
            }
            if (lowLink.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                found.add(component);
            }
        }
    }
}
