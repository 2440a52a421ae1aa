package org.lossforge.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Precision at T%: with k = floor(N·T/100), the fraction of the predicted top-k that is also in the true
 * top-k, {@code |predTop(k) ∩ trueTop(k)| / k}, a value in [0, 1].
 *
 * <p><b>k:</b> computed exactly in decimal from T as written ({@code BigDecimal.valueOf(T)}), so e.g. N = 10,000,
 * T = 0.57 gives k = 57 (N·T/100 in binary floating point is 56.99999999999999). If k = 0 the space is too small for T and
 * {@link #compute} throws {@link IllegalArgumentException} ({@link MetricSet} reports NaN instead).
 *
 * <p><b>Ties:</b> deterministic. Both top-k sets are taken from {@link Ranks#descendingOrder(double[])}: when
 * several architectures have the same score (truth or pred), the one with the lower index comes first. So a
 * tie straddling the k-th position is resolved in favour of lower indices, on both sides independently.
 */
public final class PrecisionAtT implements RankingMetric {

    private final double percent;

    /** @param percent T, a percentage of the space in (0, 100] */
    public PrecisionAtT(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("precision@T: T must be a percentage in (0, 100], got " + percent);
        }
        this.percent = percent;
    }

    public double percent() {
        return percent;
    }

    /** {@code precision_at_<T>}, T without trailing zeros (precision_at_0.5, precision_at_10). */
    @Override
    public String name() {
        return "precision_at_" + formatPercent(percent);
    }

    @Override
    public double compute(double[] truth, double[] pred) {
        Ranks.requireValid(truth, pred);
        int n = truth.length;
        int k = k(n, percent);
        if (k == 0) {
            throw new IllegalArgumentException("precision@" + formatPercent(percent) + "%: the space of " + n
                    + " architectures is too small for T = " + formatPercent(percent)
                    + "% (k = floor(N*T/100) = 0)");
        }
        return overlap(Ranks.descendingOrder(truth), Ranks.descendingOrder(pred), k);
    }

    /** k = floor(n·T/100), exact in decimal. */
    public static int k(int n, double percent) {
        return BigDecimal.valueOf(percent).multiply(BigDecimal.valueOf(n))
                .divide(BigDecimal.valueOf(100)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /** T without trailing zeros: 0.5 → "0.5", 10.0 → "10". */
    public static String formatPercent(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
    }

    /** |first k of truthOrder ∩ first k of predOrder| / k, for 1 ≤ k ≤ n. */
    static double overlap(int[] truthOrder, int[] predOrder, int k) {
        boolean[] inTrueTop = new boolean[truthOrder.length];
        for (int i = 0; i < k; i++) {
            inTrueTop[truthOrder[i]] = true;
        }
        int hits = 0;
        for (int i = 0; i < k; i++) {
            if (inTrueTop[predOrder[i]]) {
                hits++;
            }
        }
        return (double) hits / k;
    }
}
