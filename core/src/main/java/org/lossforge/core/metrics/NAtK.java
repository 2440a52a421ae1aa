package org.lossforge.core.metrics;

/**
 * N@K: the 1-based true rank of the best truly-ranked architecture among the predicted top-K,
 * {@code min over i in predTop(K) of trueRank(i)}, where {@code trueRank(i) = 1 + #{j : truth[j] > truth[i]}}.
 * 1 is best (the predicted top-K contains a truly best architecture); the value is an integer in [1, N]
 * returned as a double.
 *
 * <p><b>Ties:</b> in pred, the top-K is taken from {@link Ranks#descendingOrder(double[])}, so ties at the K-th
 * place are broken by lower index first. In truth, tied architectures share the better rank (competition
 * ranking: truth [9, 9, 7] has ranks [1, 1, 3]).
 *
 * <p>K must satisfy 1 ≤ K ≤ N; K &gt; N throws {@link IllegalArgumentException}.
 */
public final class NAtK implements RankingMetric {

    private final int k;

    public NAtK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("N@K: K must be >= 1, got " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "n_at_" + k;
    }

    @Override
    public double compute(double[] truth, double[] pred) {
        Ranks.requireValid(truth, pred);
        Ranks.requireK("N@K", k, truth.length);
        int[] truthOrder = Ranks.descendingOrder(truth);
        return of(Ranks.competitionRanks(truth, truthOrder), Ranks.descendingOrder(pred), k);
    }

    /** min of {@code trueRank} over the first k of {@code predOrder}; requires 1 ≤ k ≤ n. */
    static int of(int[] trueRank, int[] predOrder, int k) {
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < k; i++) {
            best = Math.min(best, trueRank[predOrder[i]]);
        }
        return best;
    }
}
