package org.lossforge.core.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossforge.core.bench.Benchmark;

/**
 * Methods side by side: every (dataset, method) runs {@code runs} searches with the run seeds
 * {@link SearchSeeds#run}(baseSeed, benchmark, dataset, k), so run k of every method starts from the same random
 * queries and trains its predictors from the same initial weights.
 *
 * @param name     report name (file stem)
 * @param benchmark benchmark name
 * @param datasets datasets of the benchmark
 * @param methods  methods, in report order
 * @param runs     runs per (dataset, method)
 * @param baseSeed base seed
 * @param settings {@link SearchConfig} keys shared by every run (budget, candidates, predictor.*, …)
 * @param batch    whether the runs of a (dataset, method) train their predictors as one batched program
 */
public record ComparisonConfig(String name, String benchmark, List<String> datasets, List<SearchMethod> methods, int runs,
                               long baseSeed, Map<String, String> settings, boolean batch) {

    public ComparisonConfig {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        }
        if (datasets.isEmpty() || methods.isEmpty()) {
            throw new IllegalArgumentException("need at least one dataset and one method");
        }
        datasets = List.copyOf(datasets);
        methods = List.copyOf(methods);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        for (String k : List.of("benchmark", "dataset", "method")) {
            if (settings.containsKey(k)) {
                throw new IllegalArgumentException("setting " + k + " is given by the comparison itself");
            }
        }
    }

    /** The configuration of one (dataset, method) (checked against the benchmark). */
    public SearchConfig config(Benchmark b, String dataset, SearchMethod method) {
        Map<String, String> m = new LinkedHashMap<>(settings);
        m.put("benchmark", benchmark);
        m.put("dataset", dataset);
        m.put("method", method.id());
        return SearchConfig.fromMap(m, b);
    }

    /** Number of (dataset, method) groups. */
    public int groups() {
        return datasets.size() * methods.size();
    }
}
