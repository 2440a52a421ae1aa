package org.lossforge.core.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Truth columns of a benchmark: per dataset, named metrics, each a {@code double[]} indexed by
 * architecture, plus the default train and eval metric per dataset. Immutable once built.
 */
final class Truth {
    private final Map<String, Map<String, double[]>> columns;
    private final Map<String, String[]> defaults; // dataset → {train, eval}

    private Truth(Map<String, Map<String, double[]>> columns, Map<String, String[]> defaults) {
        this.columns = columns;
        this.defaults = defaults;
    }

    /** No truth values at all (structure-only spaces). */
    static Truth none() {
        return new Truth(Map.of(), Map.of());
    }

    static Builder builder(int size) {
        return new Builder(size);
    }

    boolean isEmpty() {
        return columns.isEmpty();
    }

    List<String> datasets() {
        return List.copyOf(columns.keySet());
    }

    /** Metrics of a dataset, or null if the dataset is unknown. */
    List<String> metrics(String dataset) {
        Map<String, double[]> m = columns.get(dataset);
        return m == null ? null : List.copyOf(m.keySet());
    }

    /** The column itself (not a copy), or null if unknown. */
    double[] column(String dataset, String metric) {
        Map<String, double[]> m = columns.get(dataset);
        return m == null ? null : m.get(metric);
    }

    String defaultTrain(String dataset) {
        return defaults.get(dataset)[0];
    }

    String defaultEval(String dataset) {
        return defaults.get(dataset)[1];
    }

    /** Collects columns in insertion order; checks lengths and default metric names. */
    static final class Builder {
        private final int size;
        private final Map<String, Map<String, double[]>> columns = new LinkedHashMap<>();
        private final Map<String, String[]> defaults = new LinkedHashMap<>();

        private Builder(int size) {
            this.size = size;
        }

        Builder add(String dataset, String metric, double[] values) {
            if (values.length != size) {
                throw new IllegalStateException("column " + dataset + "/" + metric + " has " + values.length
                        + " values, expected " + size);
            }
            columns.computeIfAbsent(dataset, d -> new LinkedHashMap<>()).put(metric, values);
            return this;
        }

        /** Same default train/eval metric for every dataset added so far. */
        Builder defaults(String trainMetric, String evalMetric) {
            for (var e : columns.entrySet()) {
                for (String m : new String[] {trainMetric, evalMetric}) {
                    if (!e.getValue().containsKey(m)) {
                        throw new IllegalStateException("default metric " + m + " missing for dataset " + e.getKey());
                    }
                }
                defaults.put(e.getKey(), new String[] {trainMetric, evalMetric});
            }
            return this;
        }

        Truth build() {
            List<String> missing = new ArrayList<>(columns.keySet());
            missing.removeAll(defaults.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("no default metrics for datasets " + missing);
            }
            Map<String, Map<String, double[]>> frozen = new LinkedHashMap<>();
            columns.forEach((d, m) -> frozen.put(d, java.util.Collections.unmodifiableMap(m)));
            return new Truth(java.util.Collections.unmodifiableMap(frozen), java.util.Collections.unmodifiableMap(defaults));
        }
    }
}
