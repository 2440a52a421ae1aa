package org.lossforge.core.search;

import org.lossforge.core.bench.Benchmark;

/**
 * What a finished run found: after q queries, the architecture with the best train-metric value (validation) among
 * the first q, reported by its eval metric (NB201: test accuracy). Reported as an error (100 − value) when the eval
 * metric is a percentage accuracy, else as the raw value (higher is better).
 */
public final class Outcome {
    private Outcome() {}

    /** Query counts at which runs are compared: N0, N0 + k, N0 + 2k, …, and the budget. */
    public static int[] checkpoints(SearchConfig c) {
        java.util.List<Integer> q = new java.util.ArrayList<>();
        for (int n = c.initial(); n < c.budget(); n += c.topK()) {
            q.add(n);
        }
        q.add(c.budget());
        return q.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Eval-metric value of the best-by-validation architecture among the first q queries of each checkpoint. */
    public static double[] bestEval(SearchState s, Benchmark b, int[] checkpoints) {
        double[] out = new double[checkpoints.length];
        for (int i = 0; i < checkpoints.length; i++) {
            int arch = s.queriedAt(s.bestPosition(checkpoints[i]));
            out[i] = b.truth(arch, s.config().dataset(), s.config().evalMetric());
        }
        return out;
    }

    /** Whether a metric column is a percentage (any value above 1): then reports show 100 − value as the error. */
    public static boolean isPercent(Benchmark b, String dataset, String metric) {
        for (double v : b.truthColumn(dataset, metric)) {
            if (v > 1.0) {
                return true;
            }
        }
        return false;
    }
}
