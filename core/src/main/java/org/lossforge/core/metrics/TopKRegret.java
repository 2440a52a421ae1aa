package org.lossforge.core.metrics;

/**
 * Top-K regret: {@code max(truth) − max over i in predTop(K) of truth[i]}, in the units of truth; ≥ 0 and 0
 * exactly when the predicted top-K contains a truly best architecture.
 *
 * <p><b>Ties:</b> the predicted top-K is taken from {@link Ranks#descendingOrder(double[])}, so ties in pred at
 * the K-th place are broken by lower index first. Ties in truth do not matter (only the value counts).
 *
 * <p>K must satisfy 1 ≤ K ≤ N; K &gt; N throws {@link IllegalArgumentException}.
 */
public final class TopKRegret implements RankingMetric {

    private final int k;

    public TopKRegret(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-K regret: K must be >= 1, got " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "regret_at_" + k;
    }

    @Override
    public double compute(double[] truth, double[] pred) {
        Ranks.requireValid(truth, pred);
        Ranks.requireK("top-K regret", k, truth.length);
        double max = truth[0];
        for (double t : truth) {
            max = Math.max(max, t);
        }
        return of(truth, max, Ranks.descendingOrder(pred), k);
    }

    /** {@code maxTruth} minus the best truth among the first k of {@code predOrder}; requires 1 ≤ k ≤ n. */
    static double of(double[] truth, double maxTruth, int[] predOrder, int k) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            best = Math.max(best, truth[predOrder[i]]);
        }
        return maxTruth - best;
    }
}
