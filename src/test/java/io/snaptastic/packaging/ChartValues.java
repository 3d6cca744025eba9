package io.snaptastic.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Values given to `helm template` on top of the chart's defaults: --set pairs and values files, in order. */
record ChartValues(List<String> options) {

    ChartValues {
        options = List.copyOf(options);
    }

    static ChartValues defaults() {
        return new ChartValues(List.of());
    }

    ChartValues set(String key, Object value) {
        return with("--set", key + "=" + value);
    }

    ChartValues file(Path values) {
        return with("--values", values.toString());
    }

    private ChartValues with(String option, String argument) {
        List<String> more = new ArrayList<>(options);
        more.add(option);
        more.add(argument);
        return new ChartValues(more);
    }
}
