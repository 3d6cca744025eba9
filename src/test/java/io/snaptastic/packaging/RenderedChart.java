package io.snaptastic.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The chart's manifests as `helm template` renders them, parsed into maps, looked up by kind. */
record RenderedChart(List<Map<String, Object>> manifests) {

    static final Path CHART = Path.of("helm", "snaptastic");

    /** Renders the chart with its defaults and the given values. */
    static RenderedChart render(HelmRunner helm, ChartValues values) {
        String yaml = helm.template(CHART, "snaptastic", values);
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                manifests.add(map(document));
            }
        }
        return new RenderedChart(List.copyOf(manifests));
    }

    static RenderedChart render(HelmRunner helm) {
        return render(helm, ChartValues.defaults());
    }

    /** The one manifest of this kind; fails when there is none or more than one. */
    Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = all(kind);
        assertThat(found).as("rendered %s manifests", kind).hasSize(1);
        return found.get(0);
    }

    List<Map<String, Object>> all(String kind) {
        return manifests.stream().filter(manifest -> kind.equals(manifest.get("kind"))).toList();
    }

    /** The DaemonSet's pod spec. */
    Map<String, Object> podSpec() {
        return at(one("DaemonSet"), "spec", "template", "spec");
    }

    /** The agent's container in the DaemonSet. */
    Map<String, Object> container() {
        List<Map<String, Object>> containers = list(podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** Follows keys through nested maps. */
    static Map<String, Object> at(Map<String, Object> map, String... keys) {
        Map<String, Object> current = map;
        for (String key : keys) {
            assertThat(current).as("path to %s", String.join(".", keys)).containsKey(key);
            current = map(current.get(key));
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    /** The entry of a list of named items (containers, volumes, env) with this name. */
    static Map<String, Object> named(Object items, String name) {
        return list(items).stream()
                .filter(item -> name.equals(item.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item named " + name + " in " + items));
    }
}
