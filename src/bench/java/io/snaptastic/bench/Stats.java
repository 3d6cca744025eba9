package io.snaptastic.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles of measured values (nearest rank, so every figure is a real sample). */
final class Stats {

    private Stats() {}

    static long median(List<Long> values) {
        return percentile(values, 50);
    }

    static long percentile(List<Long> values, double percent) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static long max(List<Long> values) {
        return Collections.max(values);
    }

    static long min(List<Long> values) {
        return Collections.min(values);
    }
}
