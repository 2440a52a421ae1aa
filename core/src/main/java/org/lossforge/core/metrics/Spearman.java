package org.lossforge.core.metrics;

/**
 * Spearman's ρ, as {@code scipy.stats.spearmanr(truth, pred)}: the Pearson correlation of the average ranks
 * of truth and of pred.
 *
 * <p><b>Ties:</b> tied values get the mean of the ranks they occupy (e.g. two values tied for ranks 2 and 3
 * both get 2.5), exactly like {@code scipy.stats.rankdata(method='average')}. Ranks are taken in descending
 * direction (rank 1 = best); mirroring both rankings leaves the correlation unchanged.
 *
 * <p><b>Constant input:</b> if either side is constant (including n = 1) ρ is 0/0; scipy returns NaN, this
 * class throws {@link IllegalArgumentException} instead.
 */
public final class Spearman implements RankingMetric {

    @Override
    public String name() {
        return "spearman";
    }

    @Override
    public double compute(double[] truth, double[] pred) {
        return of(truth, pred);
    }

    /** Static form of {@link #compute(double[], double[])}. */
    public static double of(double[] truth, double[] pred) {
        Ranks.requireValid(truth, pred);
        return fromOrders(truth, pred, Ranks.descendingOrder(truth), Ranks.descendingOrder(pred));
    }

    /**
     * ρ from already-computed {@link Ranks#descendingOrder(double[])} orders (inputs must be validated).
     */
    static double fromOrders(double[] truth, double[] pred, int[] truthOrder, int[] predOrder) {
        double[] rx = Ranks.averageRanks(truth, truthOrder);
        double[] ry = Ranks.averageRanks(pred, predOrder);
        int n = rx.length;
        double mean = (n + 1) / 2.0; // the mean of average ranks is always (n+1)/2
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = rx[i] - mean;
            double dy = ry[i] - mean;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("Spearman rho is undefined: truth is constant"
                    + (n == 1 ? " (only 1 architecture)" : ""));
        }
        if (syy == 0) {
            throw new IllegalArgumentException("Spearman rho is undefined: pred is constant");
        }
        double rho = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1.0, Math.min(1.0, rho));
    }
}
